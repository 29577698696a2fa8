# A measure without a policy domain.
# expect-focus: https://w3id.org/lv-roma-plan/id/measure/4.5
# expect-path: https://w3id.org/lv-roma-plan/def#policyDomain
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE WHERE { <https://w3id.org/lv-roma-plan/id/measure/4.5> rsf:policyDomain ?d }
