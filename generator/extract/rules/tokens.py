"""Keep the tokens, lemmas, entities and sentences that later stages match against."""

from __future__ import annotations

from generator.extract.state import State
from generator.match import group_words


def apply(state: State) -> None:
    doc = state.doc
    table = state.tokens
    entity_of = [-1] * len(doc)
    for index, ent in enumerate(doc.ents):
        table.entities.append((ent.start, ent.end, ent.label_))
        for i in range(ent.start, ent.end):
            entity_of[i] = index
    for token in doc:
        if token.is_space:
            entity_of[token.i] = -2  # dropped below
            continue
        table.starts.append(token.idx)
        table.ends.append(token.idx + len(token.text))
        table.lowers.append(token.lower_)
        table.lemmas.append(token.lemma_.lower())
        table.entity.append(entity_of[token.i])
    if any(t.is_space for t in doc):
        # Entity token positions must index the kept tokens, not the doc's.
        kept = [t.i for t in doc if not t.is_space]
        position = {doc_i: k for k, doc_i in enumerate(kept)}
        table.entities = [
            (position.get(s, 0), position.get(e - 1, 0) + 1, label)
            for s, e, label in table.entities
        ]
    table.sentences = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
    # Matching against the knowledge base walks words, not tokens: group them once, here.
    words = group_words(table, state.article.text)
    table.word_folded, table.word_lemma, table.word_cased = words.folded, words.lemma, words.cased
    table.word_first, table.word_last = words.first, words.last
