# A link to a recommendation point that is not in the scheme.
# expect-focus: https://w3id.org/lv-roma-plan/id/measure/4.3/row/1
# expect-path: https://w3id.org/lv-roma-plan/def#addressesPoint
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
INSERT DATA { <https://w3id.org/lv-roma-plan/id/measure/4.3/row/1> rsf:addressesPoint <https://w3id.org/lv-roma-plan/id/recommendation/99z> .
              <https://w3id.org/lv-roma-plan/id/recommendation/99z> a rsf:RecommendationPoint }
