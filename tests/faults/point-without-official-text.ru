# A Recommendation point without its EUR-Lex link.
# expect-focus: https://w3id.org/lv-roma-plan/id/recommendation/10h
# expect-path: https://w3id.org/lv-roma-plan/def#officialText
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE WHERE { <https://w3id.org/lv-roma-plan/id/recommendation/10h> rsf:officialText ?u }
