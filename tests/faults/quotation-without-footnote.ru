# A quotation that lost its footnote.
# expect-focus: https://w3id.org/lv-roma-plan/id/recommendation/1/quotation/2
# expect-path: https://w3id.org/lv-roma-plan/def#footnote
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE WHERE { <https://w3id.org/lv-roma-plan/id/recommendation/1/quotation/2> rsf:footnote ?f }
