# A footnote citation of a document that is not in documents.yaml.
# expect-focus: https://w3id.org/lv-roma-plan/id/measure/4.18/footnote-citation/1
# expect-path: https://w3id.org/lv-roma-plan/def#citedDocument
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE { <https://w3id.org/lv-roma-plan/id/measure/4.18/footnote-citation/1> rsf:citedDocument ?d } INSERT { <https://w3id.org/lv-roma-plan/id/measure/4.18/footnote-citation/1> rsf:citedDocument <https://w3id.org/lv-roma-plan/id/document/NOPE> } WHERE { <https://w3id.org/lv-roma-plan/id/measure/4.18/footnote-citation/1> rsf:citedDocument ?d }
