# A budget table row whose Roma share is not a Roma-share concept.
# expect-focus: https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.12/1
# expect-path: https://w3id.org/lv-roma-plan/def#romaShare
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE { <https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.12/1> rsf:romaShare ?s } INSERT { <https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.12/1> rsf:romaShare rsf:notSecured } WHERE { <https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.12/1> rsf:romaShare ?s }
