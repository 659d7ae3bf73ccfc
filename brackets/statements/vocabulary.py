"""The vocabulary of note-takers' statements: phrases of stance, negation, hedging,
agreement, scope, dates, as data (see the package docstring for how they are read)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

Stance = Literal["+", "-", "tcb"]
Scope = Literal["anchor", "paragraph", "section", "throughout"]
Reason = Literal["question", "editorial", "proposal", "person", "agreement", "no stance"]

# -- the vocabulary ---------------------------------------------------------------------------

#: Phrases stating an objection (words as the tokenizer cuts them; any case).
OBJECTS: tuple[str, ...] = (
    "delete", "deletes", "deleted", "deleting", "deletion", "to be deleted", "del",
    "object", "objects", "objected", "objecting", "objection", "objections", "object to",
    "objects to", "oppose", "opposes", "opposed", "opposing", "opposition", "against",
    "reject", "rejects", "rejected", "not acceptable", "unacceptable", "cannot accept",
    "can't accept", "can not accept", "could not accept", "couldn't accept", "unable to accept",
    "cannot agree", "can't agree", "cannot support", "can't support", "cannot go along",
    "can't go along", "cannot live with", "can't live with", "cannot join",
    "remove", "removes", "removed", "removal", "removing", "strike", "strikes", "struck",
    "strike out", "drop", "drops", "dropped", "bracket", "brackets it", "bracket it",
    "put in brackets", "square brackets", "not needed", "unnecessary", "not necessary",
    "redundant", "problem with", "problems with", "has a problem", "have a problem",
    "has problems", "concerns with", "concern with", "serious concerns", "beyond the mandate",
    "beyond mandate", "goes beyond", "go beyond", "beyond its mandate", "beyond our mandate",
    "beyond their mandate",
    "outside the mandate", "outside mandate", "not within the mandate", "not in the mandate",
    "exceeds the mandate", "not in a position to accept", "not in a position to support",
    "not in a position to agree", "no place", "does not belong", "doesn't belong", "gone",
    "get rid of", "take out", "taken out", "out", "delete it", "scrap", "suppress",
    "problematic", "concerned", "concerns", "not convinced", "does not want", "doesn't want",
    "don't want", "do not want", "not want", "not agreeable", "red line", "redline",
    "supprimer", "suppression", "eliminar", "suprimir", "rechaza", "s'oppose", "se opone",
    "no acepta", "n'accepte pas", "-",
)
#: Phrases stating a support.
SUPPORTS: tuple[str, ...] = (
    "support", "supports", "supported", "supporting", "supportive", "keep", "keeps", "kept",
    "keeping", "retain", "retains", "retained", "retaining", "retention", "maintain",
    "maintains", "favour", "favours", "favor", "favors", "in favour", "in favor",
    "in favour of", "in favor of", "favourable", "favorable", "accept", "accepts", "acceptable",
    "can accept", "could accept", "accepted", "can live with", "could live with",
    "fine with", "is fine", "fine", "ok", "okay", "o.k", "agree", "agrees", "agreed",
    "agreeable", "welcome", "welcomes", "welcomed", "endorse", "endorses", "endorsed",
    "stresses its importance", "stresses the importance", "stressed the importance",
    "importance of", "important", "essential", "crucial", "key", "critical", "vital",
    "remove brackets", "remove the brackets", "removes brackets", "delete brackets",
    "delete the brackets", "lift brackets", "lift the brackets", "unbracket", "go clean",
    "can go clean", "clean", "no brackets", "happy with", "content with", "comfortable with",
    "flexible", "can go along", "go along with", "goes along with", "prefer to keep",
    "go with", "can go with", "stay", "stays", "should stay", "should remain", "remain",
    "prefers to keep", "like", "likes", "wants to keep", "want to keep", "as is", "as it is",
    "appuie", "soutient", "apoya", "respalda", "mantener", "maintenir", "conserver",
    "de acuerdo", "d'accord", "+",
)
#: Phrases stating a reservation: the delegation will come back to it ("tcb").
RESERVES: tuple[str, ...] = (
    "tcb", "t.c.b", "to come back", "come back", "comes back", "coming back", "will come back",
    "reserve", "reserves", "reserved", "reservation", "reservations", "study reservation",
    "reserves its position", "reserve its position", "revert", "reverts", "will revert",
    "consult capital", "consult its capital", "consult their capital", "consult with capital",
    "consult with its capital", "check with capital", "check with its capital",
    "check with their capital", "with capital", "capital", "needs more time",
    "need more time", "more time", "more work needed", "needs more work", "need more work",
    "further work", "more work", "further consideration", "under review", "reviewing",
    "under consideration", "considering", "consider", "to consider", "still considering",
    "placeholder", "to be discussed", "discuss with capital", "pending", "not yet in a position",
    "await", "awaiting", "awaits", "instructions", "reserva", "réserve",
)
#: Phrases that state a stance only when the statement has no other ("supported by US").
WEAK: tuple[str, ...] = (
    "supported by", "proposed by", "retained by", "kept by", "opposed by", "objected by",
    "objected to by", "deleted by", "reserved by", "important", "key", "critical", "essential",
    "crucial", "vital", "importance of", "like", "likes", "out", "clean", "gone", "drop",
    "consider", "considering", "capital", "with capital", "pending", "await", "awaiting",
    "awaits", "instructions", "to consider", "concerned", "concerns", "stay", "stays",
    "remain", "go with",
)
_WEAK_STANCES: dict[str, Stance] = {
    "supported by": "+", "proposed by": "+", "retained by": "+", "kept by": "+",
    "opposed by": "-", "objected by": "-", "objected to by": "-", "deleted by": "-",
    "reserved by": "tcb",
}
#: Phrases that take another phrase as their object: `supports deletion` objects.
TAKES_OBJECT: tuple[str, ...] = (
    "support", "supports", "supported", "supporting", "supportive", "favour", "favours",
    "favor", "favors", "in favour of", "in favor of", "in favour", "in favor", "accept",
    "accepts", "can accept", "could accept", "agree", "agrees", "agreed", "fine with",
    "happy with", "content with", "comfortable with", "can live with", "could live with",
    "welcome", "welcomes", "endorse", "endorses", "oppose", "opposes", "opposed", "opposing",
    "object", "objects", "object to", "objects to", "against", "reject", "rejects",
    "cannot accept", "can't accept", "can not accept", "cannot support", "can't support",
    "cannot agree", "can't agree", "cannot live with", "can't live with", "problem with",
    "problems with", "concerns with", "concern with", "not in a position to accept",
    "not in a position to support", "not in a position to agree", "unable to accept",
    "reserve", "reserves", "reservation", "like", "likes", "go along with", "goes along with",
)
#: Key verbs whose one-letter slips are read (`delte`, `oppse`, `suport`, `reserv`).
FUZZY: Mapping[str, Stance] = {
    "delete": "-", "deleted": "-", "deletion": "-", "oppose": "-", "opposes": "-",
    "opposed": "-", "object": "-", "objects": "-", "objection": "-", "support": "+",
    "supports": "+", "supported": "+", "retain": "+", "retains": "+", "accept": "+",
    "reserve": "tcb", "reserves": "tcb", "reservation": "tcb", "remove": "-", "strike": "-",
}
#: Words that are one slip from a key verb and mean something else.
NOT_SLIPS: frozenset[str] = frozenset(
    {"deplete", "depleted", "remain", "remains", "preserve", "preserves", "reverse", "sport",
     "report", "reports", "expect", "except", "suppose", "opposite", "objective", "strife",
     "stroke", "retail", "detain", "reserved", "deleted", "supported", "objected", "resolve",
     "deleter", "abject", "elect", "select", "deletes", "objets", "reverses", "remote",
     "remover", "resort", "accent", "accepts"}
)
#: Words that negate a phrase up to three words after them.
NEGATIONS: frozenset[str] = frozenset(
    {"not", "no", "never", "cannot", "can't", "cant", "don't", "dont", "doesn't", "doesnt",
     "won't", "wont", "isn't", "isnt", "aren't", "wouldn't", "couldn't", "shouldn't",
     "unable", "neither", "nor", "didn't", "ne", "pas", "nunca"}
)
#: Words that take back an objection or a reservation: `withdraws its reservation` supports.
WITHDRAWALS: frozenset[str] = frozenset(
    {"withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing", "lift", "lifts", "lifted",
     "lifting", "retracts", "retracted"}
)
#: Words after which a later stance replaces an earlier one.
CONTRAST: frozenset[str] = frozenset(
    {"but", "however", "although", "though", "yet", "mais", "pero"}
)
#: Words that soften a stance without changing it.
HEDGES: frozenset[str] = frozenset(
    {"could", "might", "may", "possibly", "perhaps", "tentatively", "principle", "leaning",
     "inclined", "probably", "generally", "broadly", "some", "open", "flexibility", "likely"}
)
#: Words that open a question.
QUESTIONS: frozenset[str] = frozenset(
    {"why", "what", "how", "whether", "which", "who", "asks", "asked", "ask", "query", "queries",
     "queried", "wonders", "wondered", "clarify", "clarification", "clarifications", "questions",
     "question"}
)
#: Words of an editorial note (no position when nobody is named).
EDITORIAL: frozenset[str] = frozenset(
    {"editorial", "editorially", "typo", "typos", "check", "checks", "align", "alignment",
     "consistency", "consistent", "format", "formatting", "numbering", "renumber", "cross",
     "reference", "note", "nb", "secretariat", "spelling", "grammar", "wording", "move",
     "moved", "fix", "footnote", "update", "updated", "conform", "language", "verify"}
)
#: Words of a wording proposal ("US: prefers “should”", "proposes new text").
PROPOSALS: frozenset[str] = frozenset(
    {"prefer", "prefers", "preferred", "preference", "propose", "proposes", "proposed",
     "proposal", "suggest", "suggests", "suggested", "suggestion", "add", "adds", "insert",
     "inserts", "amend", "amends", "reformulate", "rephrase", "alternative", "option",
     "instead", "rather", "replace", "replaces", "change", "changes", "new", "text"}
)
#: Words after which the delegations named are the ones agreed with.
AGREEMENT: tuple[str, ...] = (
    "agree with", "agrees with", "agreed with", "agreeing with", "same as", "as per", "+ 1",
    "joins", "join", "joined", "echoes", "echo", "associates with", "associates itself with",
    "aligns with", "aligns itself with", "align with", "supports", "support", "like",
    "in line with", "follows", "along with", "seconds", "second", "concurs with", "concur with",
)
#: Words that copy the statement before ("Canada too").
ALSO: frozenset[str] = frozenset(
    {"also", "too", "well", "ditto", "same", "likewise", "idem", "similarly", "similar"}
)
#: Words after which the delegations named are those a speaker spoke for.
BEHALF: tuple[str, ...] = (
    "on behalf of", "obo", "speaking for", "speaking on behalf of", "on behalf", "au nom de",
    "au nom du", "au nom des", "en nombre de", "en nombre del", "representing", "for",
)
#: Scope words.
SCOPES: Mapping[str, Scope] = {
    "throughout": "throughout", "everywhere": "throughout", "all occurrences": "throughout",
    "each occurrence": "throughout", "every occurrence": "throughout", "wherever": "throughout",
    "all instances": "throughout", "whole text": "throughout", "entire text": "throughout",
    "section": "section", "sections": "section", "whole section": "section",
    "entire section": "section", "chapter": "section", "heading": "section",
    "para": "paragraph", "paras": "paragraph", "paragraph": "paragraph",
    "paragraphs": "paragraph", "pp": "paragraph", "op": "paragraph", "§": "paragraph",
    "whole para": "paragraph", "whole paragraph": "paragraph", "entire paragraph": "paragraph",
}
#: Words that introduce the words a text should end with ("end after “Parties”").
STOPS: tuple[str, ...] = (
    "end after", "ends after", "end at", "ends at", "stop after", "stops after", "stop at",
    "stop at", "full stop after", "period after", "cut after", "end with", "finish after",
)
#: Group codes read in any case (`aosis`, `Ldcs`): none of them is an English word.
LOWERCASE_CODES: frozenset[str] = frozenset(
    {"AOSIS", "LMDC", "AGN", "LDC", "AILAC", "SIDS", "EIG", "CFRN", "LLDC", "G77", "AGGM",
     "ALBA", "SICA", "CACAM"}
)
#: Names never read in lower case: they are also common words in a comment.
LOWERCASE_UNSAFE: frozenset[str] = frozenset(
    {"chair", "chairmanship", "secretariat", "basic", "umbrella", "arab", "chad",
     "jordan", "guinea", "georgia", "turkey", "israel"}
)
#: Words that may stand between a verb and its object, or a marker and its delegation.
_FILLERS = frozenset({"the", "a", "an", "of", "to", "this", "that", "it", "its", "their", "with",
                      "text", "para", "paragraph", "proposal", "position", "la", "le", "el"})
_ARTICLES = frozenset({"the", "la", "le", "les", "los", "las", "el", "l"})
_JOINERS = frozenset({",", "and", "/", "+", "&", "y", "et", "e", "-", ":", "(", ")"})
_ABBREVIATIONS = frozenset({"para", "paras", "no", "art", "e.g", "i.e", "cf", "mr", "ms", "dr",
                            "st", "vs", "op", "pp", "sec", "ch"})
_NOT_CODES = frozenset({"NB", "NOTE", "PS", "FYI", "TBD", "TBC", "ALL", "OK", "TCB", "NEW",
                        "ALT", "OPTION", "PARA", "OP", "PP", "RE", "QUESTION", "COMMENT", "UPDATE"})

_QUOTE = (
    "“[^“”\n]*”|\"[^\"\n]*\"|‘[^‘’\n]*’|«[^«»\n]*»|„[^„“”\n]*[“”]|(?<!\\w)'[^'\n]*'(?!\\w)"
)
_TOKEN = re.compile(
    rf"(?P<quote>{_QUOTE})"
    r"|(?P<word>[^\W\d_](?:\.[^\W\d_])+\.?|[^\W_]+(?:['’][^\W_]+)*)"
    r"|(?P<line>\n)"
    r"|(?P<punct>[^\s\w])",
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    r"(?<![\w/.])(?:\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[ \-]{{1,3}}{_MONTH}(?:[ \-]{{1,3}}\d{{4}})?"
    rf"|{_MONTH}[ ]{{1,3}}\d{{1,2}}(?:st|nd|rd|th)?(?:,?[ ]{{1,3}}\d{{4}})?"
    r"|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
    r"|(?m:^)[ \t(\[]{0,3}\d{1,2}/\d{1,2}(?=[ \t]{0,3}[:)\]\u2013\u2014-]))(?![\w/])",
    re.IGNORECASE,
)
_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-") | {"＋": "+"}
)
_APOSTROPHES = str.maketrans(dict.fromkeys("’ʼ`", "'"))
