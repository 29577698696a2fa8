# A horizon with two end dates.
# expect-focus: https://w3id.org/lv-roma-plan/id/measure/4.18/horizon
# expect-path: https://w3id.org/lv-roma-plan/def#implementationUntil
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA { <https://w3id.org/lv-roma-plan/id/measure/4.18/horizon> rsf:implementationUntil "2030-12-31"^^xsd:date }
