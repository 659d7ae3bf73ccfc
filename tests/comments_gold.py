"""A gold set of note-takers' comments, labelled by hand (issue 16, section 4).

Each `Gold` case is a comment's text with the positions a careful reader takes from it:
"CODE+" supports, "CODE-" objects, "CODE?" reserves (tcb), space-separated; "*" stands for the
comment's author when no delegation is named and no author is given; an empty string: no
position. `author` is the comment's Word author when it matters; `scope` the place of its
positions when it matters: "quote:TEXT", "para:N", "paragraph", "section" or "throughout".

DEV (here) is what the reader's rules were tuned on; HELD_OUT (comments_gold_heldout.py) was
written first and only scored. tests/benchmarks/bench_comments.py prints the scores and
tests/test_statements_gold.py holds them to their floors.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Gold:
    """One labelled comment."""

    text: str
    expected: str
    author: str | None = None
    scope: str | None = None

    @property
    def pairs(self) -> frozenset[tuple[str, str]]:
        """The expected (delegation, stance) pairs, stance "+", "-" or "tcb"."""
        found = set()
        for item in self.expected.split():
            code, sign = item[:-1], item[-1]
            found.add((code, "tcb" if sign == "?" else sign))
        return frozenset(found)


G = Gold

DEV: tuple[Gold, ...] = (
    # -- the forms of issue 8's sample and the old reader's tests
    G("US: Delete “authorized”", "USA-", scope="quote:authorized"),
    G("CAN, UK delete", "CAN- GBR-"),
    G("China supports", "CHN+"),
    G("Russia, China supports the format", "RUS+ CHN+"),
    G("US ok", "USA+"),
    G("U.S, Canada, Japan: Delete the recalling paras / EU: As a reminder, recalling paras may "
      "sometimes be needed", "USA- CAN- JPN-"),
    G("UK, CFRN – “shall” / US – “should”", ""),
    G("17 November – IC\nUS ok\nSaudi Arabia: tcb", "USA+ SAU?"),
    G("UK / US delete", "GBR- USA-"),
    G("G77 and China: to be deleted", "G77-"),
    G("EU: this is not acceptable", "EU-"),
    G("Brazil: cannot support", "BRA-"),
    G("AGN in favour", "AGN+"),
    G("Switzerland: reservation on the section", "CHE?", scope="section"),
    G("Supported by US, EU", "USA+ EU+"),
    G("Opposed by CHN.", "CHN-"),
    G("Egypt on behalf of the African Group: delete", "AGN-"),
    G("Mali for AGN: keep", "AGN+"),
    G("Please check the wording.", ""),
    G("US: delete?", ""),
    G("US: prefers “should”", ""),
    # -- who: lists, case, spelling
    G("Norway, Iceland and Liechtenstein support", "NOR+ ISL+ LIE+"),
    G("Australia/New Zealand: delete", "AUS- NZL-"),
    G("Canada + Japan: keep", "CAN+ JPN+"),
    G("Chile & Colombia oppose", "CHL- COL-"),
    G("china supports", "CHN+"),
    G("INDIA: DELETE", "IND-"),
    G("United States of America: retain", "USA+"),
    G("the UK would like to keep this", "GBR+"),
    G("Russian Federation objects", "RUS-"),
    G("Republic of Korea supports", "KOR+"),
    G("South Africa: tcb", "ZAF?"),
    G("Saint Lucia: keep", "LCA+"),
    G("Antigua and Barbuda, for AOSIS: retain", "AOSIS+"),
    G("Bosnia and Herzegovina supports", "BIH+"),
    G("Türkiye: reservation", "TUR?"),
    G("Côte d'Ivoire: supports", "CIV+"),
    G("Viet Nam supports", "VNM+"),
    G("aosis: keep", "AOSIS+"),
    G("ldcs oppose", "LDC-"),
    G("G-77/China: delete", "G77-"),
    G("G77+China support", "G77+"),
    G("Group of 77 and China: reservation", "G77?"),
    G("LMDCs: oppose this para", "LMDC-", scope="paragraph"),
    G("Umbrella Group: supports", "UMBRELLA+"),
    G("Arab Group: delete", "ARAB-"),
    G("EU + EIG: keep", "EU+ EIG+"),
    G("BASIC: delete", "BASIC-"),
    G("AILAC and ALBA: tcb", "AILAC? ALBA?"),
    G("Grupo Africano: apoya", "AGN+"),
    G("Groupe des 77 et la Chine: supprimer", "G77-"),
    G("PMA: réserve", "LDC?"),
    G("Coalition for Rainforest Nations: keep", "CFRN+"),
    G("SIDS: support", "SIDS+"),
    G("Norway:delete", "NOR-"),
    G("Brazil -keep", "BRA+"),
    G("Canada— delete", "CAN-"),
    G("Japan : : tcb", "JPN?"),
    G("Mexico\nsupports", "MEX+"),
    G("Switzerland\n\ncan accept", "CHE+"),
    G("Argentina:\noppose", "ARG-"),
    G("Peru, on behalf of AILAC, supports", "AILAC+"),
    G("Ethiopia speaking for the LDCs: strongly supports", "LDC+"),
    G("Malawi obo LDCs: delete", "LDC-"),
    G("Saudi Arabia (Arab Group): oppose", "ARAB-"),
    # -- stance vocabulary
    G("US wants it deleted", "USA-"),
    G("Japan cannot accept", "JPN-"),
    G("Canada opposes", "CAN-"),
    G("Australia has a problem with this", "AUS-"),
    G("China: goes beyond the mandate", "CHN-"),
    G("India: outside the mandate of this body", "IND-"),
    G("EU: prefers to delete", "EU-"),
    G("Norway: bracket it", "NOR-"),
    G("Brazil: strike", "BRA-"),
    G("Mexico: remove", "MEX-"),
    G("Chile does not support", "CHL-"),
    G("Colombia: keep", "COL+"),
    G("Peru: retain", "PER+"),
    G("UK favours", "GBR+"),
    G("Switzerland can accept", "CHE+"),
    G("New Zealand can live with it", "NZL+"),
    G("Iceland: fine with this", "ISL+"),
    G("Maldives stresses its importance", "MDV+"),
    G("Tuvalu welcomes", "TUV+"),
    G("Fiji supports", "FJI+"),
    G("Bangladesh: ok", "BGD+"),
    G("Nepal: agree", "NPL+"),
    G("Bhutan prefers to keep", "BTN+"),
    G("Kenya: reservation", "KEN?"),
    G("Uganda needs to consult capital", "UGA?"),
    G("Tanzania: check with capital", "TZA?"),
    G("Zambia needs more time", "ZMB?"),
    G("Egypt: more work needed", "EGY?"),
    G("Nigeria will come back", "NGA?"),
    G("South Africa: TCB", "ZAF?"),
    G("Ghana: placeholder for its position", "GHA?"),
    G("Senegal: under review", "SEN?"),
    G("Morocco: study reservation", "MAR?"),
    G("Japan: not support", "JPN-"),
    G("EU: not opposed", "EU+"),
    G("US: don't agree", "USA-"),
    G("Canada: no objection", "CAN+"),
    G("Australia does not object", "AUS+"),
    G("Norway: delte", "NOR-"),
    G("China oppse", "CHN-"),
    G("India: suport", "IND+"),
    G("Brazil: reserv", "BRA?"),
    G("Chile: retian", "CHL+"),
    G("Japan supports deletion", "JPN-"),
    G("EU opposes deleting this", "EU+"),
    G("Canada: in favour of deleting", "CAN-"),
    G("Korea could support", "KOR+"),
    G("Mexico: can accept, but prefers to delete", "MEX-"),
    G("US: +", "USA+"),
    G("China -", "CHN-"),
    G("EU: strongly object", "EU-"),
    G("Norway supports in principle", "NOR+"),
    # -- replacements, agreement, scope
    G("US: replace 'shall' by 'should'", "USA-", scope="quote:shall"),
    G("EU: change 'ensure' to 'promote'", "EU-", scope="quote:ensure"),
    G("China: “may” instead of “shall”", ""),
    G("India: 'should' rather than 'shall'", ""),
    G("Japan prefers 'encourage' to 'urge'", ""),
    G("Brazil: not “ensure” but “promote”", ""),
    G("Canada: agree with US", ""),
    G("US: delete\nCanada: agree with US", "USA- CAN-"),
    G("EU: keep / Norway: same as EU", "EU+ NOR+"),
    G("Japan: tcb; Korea +1 Japan", "JPN? KOR?"),
    G("US: delete. Canada too", "USA- CAN-"),
    G("Australia: retain. Also New Zealand", "AUS+ NZL+"),
    G("Mexico: delete “national” throughout", "MEX-", scope="throughout"),
    G("Chile: delete para 7", "CHL-", scope="para:7"),
    G("Peru: support paragraph 3bis", "PER+", scope="para:3bis"),
    G("Colombia: delete this paragraph", "COL-", scope="paragraph"),
    G("Argentina: keep the whole section", "ARG+", scope="section"),
    G("Uruguay supports OP5", "URY+", scope="para:5"),
    G("Norway: the sentence should end after “Parties”", "NOR-"),
    # -- several statements, dates, replies
    G("US: delete; EU: keep", "USA- EU+"),
    G("US delete / EU keep / China tcb", "USA- EU+ CHN?"),
    G("Japan supports. China objects.", "JPN+ CHN-"),
    G("US: Delete this. It goes beyond the mandate.", "USA-"),
    G("12 Nov: US delete\n13 Nov: US can accept", "USA+"),
    G("2024-11-12 EU: tcb\n2024-11-14 EU: supports", "EU+"),
    G("Mon 18 Nov – AB\nCanada: oppose\nTue 19 Nov – AB\nCanada: can live with it", "CAN+"),
    G("14/11/2024: India reservation", "IND?"),
    G("Nov 15 - Brazil supports", "BRA+"),
    G("US: delete\nUS: actually can accept", "USA+"),
    # -- no position
    G("Question: what does this mean?", ""),
    G("Why is this here?", ""),
    G("Editorial: align with decision 3/CMA.5", ""),
    G("typo", ""),
    G("Secretariat to check the reference", ""),
    G("Co-facilitators' proposal", ""),
    G("New text proposed by the co-facilitators", ""),
    G("delete", "", author="John Smith"),
    G("objects", "*-"),
    G("supports", "CHN+", author="Delegation of China"),
    G("tcb", "IND?", author="India"),
    G("US asks what 'relevant' refers to", ""),
    G("Brazil: clarification needed on scope", ""),
    G("EU proposes new text", ""),
    G("Japan: add 'as appropriate'", ""),
    # -- found while tuning: two speakers in one sentence, mixed stances, more vocabulary
    G("Chile supports, Mexico opposes", "CHL+ MEX-"),
    G("New Zealand: keep, Australia: delete", "NZL+ AUS-"),
    G("Japan supports and Korea opposes", "JPN+ KOR-"),
    G("Delete, US and Japan", "USA- JPN-"),
    G('Brazil: keep "shall" and delete "should"', "BRA+ BRA-"),
    G("UK: delete para 3, keep para 4", "GBR- GBR+"),
    G("CAN ACCEPT - US", "USA+"),
    G("Iran: Strongly opposes reference to 1.5", "IRAN-"),
    G("Saudi Arabia - no", "SAU-"),
    G("UK: Yes", "GBR+"),
    G("Egypt: this language is problematic", "EGY-"),
    G("EU: this should stay", "EU+"),
    G("Korea: “shall” → “should”", ""),
    G("Norway would not oppose deletion", "NOR-"),
    G("EU: no strong views", ""),
    G(">> EU: tcb", "EU?"),
    G("EU (Spain): retain", "EU+"),
    G("Swiss: keep", "CHE+"),
    G("India: this is a red line", "IND-"),
    G("17 Nov (AB): US – delete\n18 Nov (AB): US – withdrew objection", "USA+"),
    G("China: withdraws its reservation", "CHN+"),
    G("Philippines: not comfortable with this language", "PHL-"),
    G("LDCs: Can't support", "LDC-"),
    G("EU & UK - delete; US - keep", "EU- GBR- USA+"),
    G("Australia: suggests deleting \"all\"", "AUS-", scope="quote:all"),
)
