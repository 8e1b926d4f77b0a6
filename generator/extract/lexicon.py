"""Small word lists the rules share: titles, speech verbs, places, parties.

General English and AP-style vocabulary only, never names from particular articles.
"""

from __future__ import annotations

# fmt: off

# AP abbreviations of titles before a name, expanded for display.
TITLE_ABBREVIATIONS = {
    "sen.": "Senator",
    "rep.": "Representative",
    "gov.": "Governor",
    "lt.": "Lieutenant",
    "gen.": "General",
    "col.": "Colonel",
    "maj.": "Major",
    "capt.": "Captain",
    "adm.": "Admiral",
    "sgt.": "Sergeant",
    "atty.": "Attorney",
    "supt.": "Superintendent",
    "pres.": "President",
    "sec.": "Secretary",
    "dr.": "Doctor",
    "prof.": "Professor",
    "rev.": "Reverend",
    "amb.": "Ambassador",
}
# Honorifics before a surname ("Mr. Bennet", "Miss Chaworth", "Mlle. du Motel"), compared
# without periods: the person is the one the surname names, and an honorific alone is no name.
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lady", "lord", "madame", "madam",
    "mme", "mlle", "monsieur", "herr", "frau", "señor", "señora", "signor", "signora",
}
# Courtesy titles: a role only when the text gives no other.
COURTESY = {"Doctor", "Professor", "Reverend"}

# Head words of a title ("press secretary", "Defense Minister", "chief economist").
TITLE_HEADS = {
    "president", "vice", "prime", "minister", "secretary", "senator", "representative",
    "governor", "mayor", "judge", "justice", "chair", "chairman", "chairwoman", "chairperson",
    "commissioner", "director", "administrator", "spokesman", "spokeswoman", "spokesperson",
    "adviser", "advisor", "ambassador", "envoy", "general", "commander", "chief", "economist",
    "counsel", "attorney", "superintendent", "premier", "chancellor", "king", "queen",
    "officer", "agent", "founder", "executive", "manager", "head", "leader", "speaker",
    "treasurer", "lawyer", "analyst", "professor", "doctor", "surgeon", "sheriff", "prosecutor",
    "inspector", "deputy", "assistant", "staff", "captain", "colonel", "lieutenant", "admiral",
    "sergeant", "official", "aide", "negotiator", "coordinator", "consul", "governor-general",
    "secretary-general", "ceo", "cfo", "coach", "owner", "partner", "member",
    # A party's or a race's people: "Republican Party nominee Ken Cuccinelli".
    "nominee", "candidate", "challenger", "incumbent", "hopeful", "frontrunner",
    # Occupations AP puts before a name like a title ("Meteorologist Priya Nand").
    "scientist", "researcher", "historian", "forecaster", "engineer", "nurse", "teacher",
    "physician", "pastor", "rabbi", "imam", "priest", "bishop", "activist", "organizer",
    "columnist", "correspondent", "editor", "author", "architect", "strategist", "pollster",
    "consultant", "lobbyist", "firefighter", "pilot", "farmer", "councilman", "councilwoman",
    "councilmember", "alderman", "trustee", "auditor", "comptroller", "magistrate", "marshal",
    "warden", "principal", "dean", "provost", "curator", "epidemiologist",
    "meteorologist", "climatologist", "seismologist", "virologist", "criminologist",
    "goalkeeper", "striker", "midfielder", "defender", "winger", "quarterback", "pitcher",
    "shortstop", "referee", "umpire", "jockey", "sprinter", "golfer", "boxer", "cyclist",
}
# Titles of rank and religion, written before a single name ("Pope Damasus", "Tsar Peter",
# "Saint Jerome", "King Charles"): the title heads of royal and church styles.
RANKS = {
    "pope", "saint", "emperor", "empress", "tsar", "czar", "sultan", "prince", "princess",
    "duke", "duchess", "earl", "baron", "baroness", "archbishop", "cardinal", "patriarch",
    "king", "queen",
}
TITLE_HEADS |= RANKS
# Nouns for a person that a name may follow ("his friend Auguste Chevalier", "the writer Ilse
# Varga"): English kinship and social-relation terms, and the occupations Wikipedia's
# biographies and AP's copy put before a name. Lemmas, lower case.
RELATION_NOUNS = {
    "friend", "brother", "sister", "wife", "husband", "son", "daughter", "father", "mother",
    "uncle", "aunt", "cousin", "nephew", "niece", "grandson", "granddaughter", "grandfather",
    "grandmother", "stepfather", "stepmother", "fiancé", "fiancée", "boyfriend", "girlfriend",
    "widow", "widower", "colleague", "teammate", "classmate", "roommate", "neighbor",
    "neighbour", "mentor", "protégé", "pupil", "disciple", "rival", "companion",
}
OCCUPATIONS = {
    "student", "publisher", "writer", "poet", "novelist", "playwright", "composer", "painter",
    "sculptor", "artist", "actor", "actress", "singer", "musician", "director", "producer",
    "journalist", "reporter", "photographer", "linguist", "grammarian", "philosopher",
    "mathematician", "physicist", "chemist", "biologist", "astronomer", "theologian", "monk", "nun",
    "abbot", "bishop", "priest", "general", "soldier", "sailor", "lawyer", "doctor", "nurse",
    "teacher", "coach", "player", "pitcher", "designer", "architect", "engineer", "inventor",
    "explorer", "entrepreneur", "businessman", "businesswoman", "banker", "merchant", "politician",
    "diplomat", "activist", "scholar", "historian", "critic", "translator", "editor", "creator",
    "co-founder", "cofounder", "owner", "rookie",
}
PERSON_NOUNS = RELATION_NOUNS | OCCUPATIONS
# Nouns that describe a person in an appositive without naming a post ("Ahmed Mohamed, a
# 14-year-old boy from Irving, Texas"): the description is the role the story gives.
DESCRIPTIONS = {
    "boy", "girl", "man", "woman", "teenager", "teen", "child", "kid", "resident", "native",
    "veteran", "survivor", "victim", "witness", "volunteer", "fan", "graduate", "newcomer",
}
# Words that only qualify a title and cannot stand as one alone.
TITLE_MODIFIERS = {"vice", "prime", "deputy", "assistant", "acting", "former", "interim", "chief"}

# A title led by one of these ("a company spokesman", "a union organizer") belongs to a body
# the story names elsewhere.
GENERIC_BODIES = {
    "company", "firm", "union", "agency", "hospital", "club", "team", "school", "university",
    "department", "bank", "campaign", "party", "league", "district",
}
# Company titles that name no company: the story's company is meant ("Chief Executive X").
CORPORATE_TITLES = {
    "chief executive", "chief executive officer", "ceo", "chief financial officer", "cfo",
    "chief operating officer", "coo", "chief technology officer", "chief economist",
}
# Stock exchanges and market indexes: where shares trade, never actors in a story.
MARKETS = {
    "nasdaq", "nyse", "new york stock exchange", "london stock exchange", "dow", "dow jones",
    "dow jones industrial average", "s&p 500", "s&p", "standard & poor's 500", "nikkei",
    "ftse", "ftse 100", "dax", "hang seng", "euronext", "tokyo stock exchange",
    "shanghai stock exchange", "toronto stock exchange", "tsx", "russell 2000",
}

# Words that give another name for the one just named: "known as", "better known by her
# pseudonym", "née" (the phrasing of Wikipedia's and AP's first mentions).
ALIAS_CUES = {
    "known", "called", "pseudonym", "nickname", "nicknamed", "alias", "aka", "a.k.a.",
    "née", "nee", "dubbed", "styled", "formerly", "stage", "pen",
}

# Letters after a person's name (generational suffixes, degrees, British honours and
# fellowships, as in Wikipedia's first lines): not part of the name. Compared without periods.
POST_NOMINALS = {
    "Jr", "Sr", "I", "II", "III", "IV", "V", "VI", "PhD", "MD", "DDS", "Esq", "FRS", "FRSE",
    "FBA", "FRSA", "OBE", "MBE", "CBE", "KBE", "DBE", "QC", "KC", "MP", "RA",
}

# Verbs of putting something online: "posted on Twitter" makes Twitter a website, not a
# person (the verbs of news reports on social media).
POSTING_VERBS = {
    "post", "share", "upload", "tweet", "publish", "stream", "livestream", "broadcast",
    "write", "say", "announce", "comment", "reply", "respond", "message", "blog", "vlog",
}

# Verbs of being born, living, travelling and dying somewhere ("born at Stridon", "settled in
# Trier"), and nouns for regions ("the desert of Chalcis"): what follows them is a place
# (the motion and location verbs of Levin's classes 47 and 51).
DWELLING_VERBS = {
    "bear", "settle", "live", "reside", "die", "travel", "journey", "emigrate", "flee", "stay",
    "perform",
}
REGIONS = {
    "desert", "diocese", "town", "city", "village", "province", "region", "county", "kingdom",
    "island", "outskirts", "coast", "journey", "expedition",
}

# Academic disciplines, as biographies name degrees, chairs and departments ("a Master of
# Education in Sport Psychology", "the Behavioral Sciences"): a name ending in one is a field
# of study unless a body's word is in it ("the Department of Linguistics").
FIELDS_OF_STUDY = {
    "psychology", "sciences", "science", "studies", "semantics", "grammar", "linguistics",
    "humanities", "arts", "engineering", "physics", "mathematics", "counseling", "counselling",
    "economics", "philosophy", "history", "literature", "biology", "chemistry", "medicine",
    "law", "education", "management", "leadership", "interpretation",
}

# Heads of the names of laws, licences, treaties and reference works (OntoNotes' LAW and
# WORK_OF_ART types): "the GNU Free Document License", "the Affordable Care Act".
DOCUMENT_HEADS = {
    "license", "licence", "act", "treaty", "agreement", "accord", "protocol", "charter", "code",
    "bill", "law", "amendment", "constitution", "doctrine", "index", "corpus", "database",
}

# Words of photo captions and credits on news pages ("Ahmed Mohamed Image", "Photo: Jane Roe",
# "AP Photo/File"): never part of a name, and the name after them is the photographer's.
CAPTION_WORDS = {
    "image", "images", "photo", "photos", "photograph", "picture", "caption", "credit",
    "courtesy", "copyright", "©", "video", "file",
}

# Nouns that refer back to a person by role ("the judge", "the official").
ROLE_BACKREF_EXCLUDE = {"official", "aide", "member", "partner", "staff"}

SPEECH_VERBS = {
    "say", "tell", "add", "write", "ask", "announce", "warn", "call", "describe", "insist",
    "argue", "note", "explain", "declare", "state", "testify", "acknowledge", "predict",
    "urge", "reply", "respond", "continue", "caution", "complain", "claim", "contend",
    "recall", "admit", "vow", "promise", "accuse", "praise", "criticize", "tweet", "post",
    "conclude", "observe", "suggest", "maintain", "emphasize", "stress", "remark",
}
# Verbs that report speech when a quotation stands next to them (attribution reads them only
# there, so "returned" or "began" cannot make anyone a speaker elsewhere): Levin's verbs of
# communication and of manner of speaking (English Verb Classes and Alternations, 1993, 37.1-37.7)
# with the dialogue tags of news and fiction ("countered", "quipped", "retorted").
REPORTING_VERBS = SPEECH_VERBS | {
    "answer", "inquire", "enquire", "query", "question", "demand", "request", "plead", "beg",
    "entreat", "implore", "cry", "exclaim", "shout", "scream", "yell", "shriek", "whisper",
    "murmur", "mutter", "mumble", "stammer", "stutter", "sigh", "groan", "moan", "sob", "gasp",
    "laugh", "chuckle", "giggle", "snap", "snarl", "growl", "bark", "roar", "bellow", "hiss",
    "drawl", "retort", "rejoin", "return", "repeat", "resume", "interrupt", "interpose",
    "protest", "object", "agree", "assent", "confess", "concede", "hint", "propose", "venture",
    "volunteer", "counter", "correct", "begin", "pursue", "persist", "proceed", "assure",
    "remind", "inform", "proclaim", "assert", "affirm", "allege", "charge", "reason", "muse",
    "wonder", "quip", "joke", "tease", "taunt", "jeer", "sneer", "scoff", "mock", "grumble",
    "whine", "lament", "apologize", "boast", "brag", "challenge", "command", "instruct",
    "advise", "comment", "finish", "breathe", "croak", "rasp", "wail", "howl", "bawl",
    "squeal", "coo", "lisp", "thunder", "blurt", "shrug", "nod", "smile", "grin", "intone",
    "recount", "reiterate", "concur", "rule", "text", "email", "deny", "dismiss",
}

# Nouns for an organisation's own office, spokespeople or members: "House leaders".
AGENT_NOUNS = {
    "leader", "leaders", "official", "officials", "spokesman", "spokeswoman", "spokesperson",
    "member", "members", "lawmakers", "staff", "aide", "aides", "team", "negotiators",
    "investigators", "lawyers", "commissioner", "chair", "chairman", "director",
}
# Heads of names that make an organisation, whatever NER called it.
INSTITUTION_HEADS = {
    "agency", "association", "authority", "board", "bureau", "center", "centre", "coalition",
    "commission", "committee", "company", "corporation", "council", "court", "department",
    "district", "foundation", "fund", "institute", "ministry", "office", "organization",
    "organisation", "party", "service", "union", "university", "alliance", "administration",
    "partners", "group", "bank", "reserve", "senate", "house", "parliament", "assembly",
    "congress", "technologies", "inc.", "corp.", "co.", "ltd.", "llc",
    # Schools NER calls buildings: "the Prague Conservatory".
    "conservatory", "conservatoire", "seminary", "polytechnic",
    # Bodies also named by the common noun alone: "the Church", "the Army".
    "church", "army", "navy", "police", "crown",
}
# Possessive + one of these is an organisation of its own: "Netanyahu's office".
OFFICE_NOUNS = {"office", "government", "administration", "campaign", "cabinet", "ministry"}
# Names of events rather than actors.
EVENT_HEADS = {"hurricane", "storm", "typhoon", "cyclone", "tropical", "operation", "war"}
# Words that make a name an event's or an award's wherever they stand in it ("the Teen Choice
# Awards", "National Magic Month", "the Eastern League All-Star Game"): the heads of the
# events and prizes Wikipedia's and AP's style guides list as capitalised names, not bodies.
EVENT_WORDS = {
    "award", "awards", "prize", "prizes", "trophy", "medal", "cup", "olympics", "paralympics",
    "championship", "championships", "festival", "fest", "jubilee", "carnival", "cavalcade",
    "tournament", "all-star", "expo", "gala", "marathon", "month", "week",
}
# Heads of the names of buildings and structures (OntoNotes' FAC type): a place, not a body.
FACILITY_HEADS = {
    "stadium", "museum", "tube", "bridge", "tunnel", "street", "avenue", "boulevard", "road",
    "square", "tower", "towers", "arena", "airport", "station", "palace", "castle", "zoo",
    "gallery", "cathedral", "monument", "memorial",
}
# Nouns for creative works that a title follows ("the novel Dark Matters", "the films New York
# Minute and House of Wax"), and the musical forms a title ends with ("his Cello Concerto").
WORK_NOUNS = {
    "book", "novel", "film", "movie", "series", "sitcom", "comedy", "drama", "play", "opera",
    "musical", "album", "song", "single", "poem", "essay", "painting", "episode", "documentary",
    "pilot", "treatise", "video", "podcast", "show", "anthology", "memoir", "trilogy",
}
WORK_FORMS = {
    "symphony", "concerto", "sonata", "requiem", "overture", "rhapsody", "nocturne", "prelude",
    "serenade", "oratorio", "cantata",
}

NEWS_AGENCIES = {
    "ap", "associated press", "the associated press", "reuters", "afp",
    "agence france-presse", "upi", "bloomberg news",
}

PARTIES = {"D": "Democrat", "R": "Republican", "I": "Independent", "L": "Libertarian"}
# AP state abbreviations, used in "Sen. Rick Scott, R-Fla." and in datelines.
STATES = {
    "Ala.": "Alabama", "Alaska": "Alaska", "Ariz.": "Arizona", "Ark.": "Arkansas",
    "Calif.": "California", "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware",
    "Fla.": "Florida", "Ga.": "Georgia", "Hawaii": "Hawaii", "Idaho": "Idaho", "Ill.": "Illinois",
    "Ind.": "Indiana", "Iowa": "Iowa", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana",
    "Maine": "Maine", "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan",
    "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana",
    "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota",
    "Ohio": "Ohio", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn.": "Tennessee", "Texas": "Texas", "Utah": "Utah", "Vt.": "Vermont", "Va.": "Virginia",
    "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}
STATE_NAMES = set(STATES.values())

# Country names and their adjectives (for "Israeli Defense Minister" → Israel).
NATIONALITIES = {
    "afghan": "Afghanistan", "american": "United States", "argentine": "Argentina",
    "australian": "Australia", "brazilian": "Brazil", "british": "United Kingdom",
    "canadian": "Canada", "chinese": "China", "colombian": "Colombia", "cuban": "Cuba",
    "egyptian": "Egypt", "european": "European Union", "french": "France", "german": "Germany",
    "greek": "Greece", "indian": "India", "indonesian": "Indonesia", "iranian": "Iran",
    "iraqi": "Iraq", "irish": "Ireland", "israeli": "Israel", "italian": "Italy",
    "japanese": "Japan", "jordanian": "Jordan", "kenyan": "Kenya", "lebanese": "Lebanon",
    "mexican": "Mexico", "nigerian": "Nigeria", "pakistani": "Pakistan",
    "palestinian": "Palestinian territories", "philippine": "Philippines",
    "filipino": "Philippines", "polish": "Poland", "russian": "Russia", "saudi": "Saudi Arabia",
    "south korean": "South Korea", "korean": "South Korea", "spanish": "Spain",
    "swedish": "Sweden", "syrian": "Syria", "taiwanese": "Taiwan", "turkish": "Turkey",
    "ukrainian": "Ukraine", "venezuelan": "Venezuela", "vietnamese": "Vietnam",
}
COUNTRIES = set(NATIONALITIES.values()) | {
    "Afghanistan", "Algeria", "Angola", "Bangladesh", "Belgium", "Benin", "Bolivia", "Burkina Faso",
    "Cameroon", "Chad", "Chile", "Congo", "Denmark", "Ecuador", "Ethiopia", "Finland", "Ghana",
    "Guatemala", "Guinea", "Haiti", "Honduras", "Hungary", "Kazakhstan", "Libya", "Mali",
    "Malaysia", "Morocco", "Mozambique", "Myanmar", "Nepal", "Netherlands", "New Zealand",
    "Nicaragua", "Niger", "North Korea", "Norway", "Peru", "Portugal", "Qatar", "Romania",
    "Rwanda", "Senegal", "Serbia", "Singapore", "Somalia", "South Africa", "Sri Lanka", "Sudan",
    "Switzerland", "Tanzania", "Thailand", "Tonga", "Tunisia", "Uganda", "United Arab Emirates",
    "Uruguay", "Yemen", "Zambia", "Zimbabwe", "Gaza", "West Bank",
}
PLACE_NAMES = (COUNTRIES | STATE_NAMES) - {"European Union"}
# fmt: on
