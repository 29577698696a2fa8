# A target with a value and a minimum; also a second value.
# expect-focus: https://w3id.org/lv-roma-plan/id/measure/4.18/target/1
# expect-path: https://w3id.org/lv-roma-plan/def#value
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
INSERT DATA { <https://w3id.org/lv-roma-plan/id/measure/4.18/target/1> rsf:value 1900.0 }
