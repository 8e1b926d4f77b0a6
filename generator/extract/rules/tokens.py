"""Keep the tokens, lemmas, entities and sentences that later stages match against."""

from __future__ import annotations

from generator.extract.state import State
from generator.knowledge.match import group_words


def kept_before(doc) -> list[int]:
    """For each doc position (and the end), how many kept tokens come before it.

    Entity bounds must index the kept tokens, not the doc's; counting rather than looking up
    keeps an entity that starts or ends on a dropped whitespace token (NER takes a paragraph
    break into "the U.S. Congress:\n\n") ordered, start before end.
    """
    counts = [0] * (len(doc) + 1)
    for token in doc:
        counts[token.i + 1] = counts[token.i] + (not token.is_space)
    return counts


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
        kept = kept_before(doc)
        table.entities = [(kept[s], kept[e], label) for s, e, label in table.entities]
    table.sentences = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
    # Matching against the knowledge base walks words, not tokens: group them once, here.
    words = group_words(table, state.article.text)
    table.word_folded, table.word_lemma, table.word_cased = words.folded, words.lemma, words.cased
    table.word_first, table.word_last = words.first, words.last
