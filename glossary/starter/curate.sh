#!/usr/bin/env bash
# Curation of the starter glossary, applied once after importing ../shared/data/nk_terms.tsv
# (see README.md beside this file). Each step is an ordinary sajeon command, so the
# decisions are on record and could be replayed on a fresh import.
set -euo pipefail
s() { sajeon "$@"; }

# --- Ministry of State Security: one concept for the organ under all its names -----------
s concept merge state-security-department ministry-of-state-security
s concept merge ministry-of-state-security-of-the-democratic-peoples ministry-of-state-security
s term set 국가보위성 --status preferred --valid-from 2016
s term set 보위부 --type shortForm --note "Short, everyday name; the usual form in Daily NK's Korean reports."
s term set 국가안전보위부 --status deprecated --valid-until 2016 --note "Name until the 2016 renaming to 국가보위성."
s term set "State Security Department" --lang en --status deprecated --valid-until 2016
s term set "조선민주주의인민공화국 국가보위성" --status admitted --type fullForm
s term set "Ministry of State Security of the Democratic People's Republic of Korea" --lang en --status admitted --type fullForm
s term rm "Ministry of State Security (MSS)" --lang en
s term add MSS --lang en --concept ministry-of-state-security --type abbreviation --status admitted
s term set "Ministry for Protection of the State" --lang en --note "NK News rendering; not Daily NK style."
s concept set ministry-of-state-security \
  --definition "North Korea's secret police, responsible for political surveillance, counter-espionage and the political prison camps." \
  --note "House style: 'Ministry of State Security (MSS)' at first mention, then 'MSS'."

# --- Ministry of Social Security, renamed from the Ministry of People's Security in 2020 ---
s term set 사회안전성 --valid-from 2020
s term set "Ministry of Social Security" --lang en --valid-from 2020   # the English name is as new as the Korean one
s term add 인민보안성 "Ministry of People's Security" --concept ministry-of-social-security --status deprecated --valid-until 2020
s term set "조선민주주의인민공화국 사회안전성" --type fullForm
s term add MSS --lang en --concept ministry-of-social-security --type abbreviation --status forbidden
s term set MSS --lang en --concept ministry-of-social-security \
  --note "MSS is the Ministry of State Security's abbreviation in house style; never use it for this ministry."
s concept set ministry-of-social-security \
  --definition "North Korea's police ministry, in charge of public order, residence registration and border control."

# --- Same place, two spellings (North and South Korean orthography) ----------------------
s concept merge ryanggang yanggang-province
s term set 량강도 --note "North Korean spelling; South Korean texts write 양강도."
s term set Ryanggang --lang en --note "Official North Korean romanisation."

# --- Former names --------------------------------------------------------------------------
s concept merge songjin kimchaek
s term set 성진 --status deprecated --valid-until 1951 --note "Renamed 김책 in 1951."
s term set Sŏngjin --lang en --status deprecated --valid-until 1951
s concept merge chongro rodong-sinmun
s term set 정로 --status deprecated --valid-until 1946 --note "The paper's title before it became 로동신문 in 1946."
s term set Chǒngro --lang en --status deprecated --valid-until 1946

# --- Parenthetical glosses split into real terms -----------------------------------------
s concept merge kwalliso political-prison-camp
s term rm "관리소(정치범수용소)"
s term rm "kwalliso (political penal-labour colony)" --lang en
s term add kwalliso --lang en --concept political-prison-camp
s term set 관리소 --note "Official euphemism (literally 'management office')."
s term rm "inminban (people's unit)" --lang en
s term rm "inminban (neighbourhood units / people's units)" --lang en
s term add inminban --lang en --concept inminban --status preferred
s term add "people's unit" --lang en --concept inminban
s term add "neighbourhood unit" --lang en --concept inminban
s term rm "inminban (North Korea's lowest administrative unit) leader" --lang en
s term add "inminban leader" --lang en --concept inminban-head
s term rm "Jangmadang (market grounds)" --lang en
s term add jangmadang --lang en --concept jangmadang --status preferred
s term add "market grounds" --lang en --concept jangmadang
s term rm "Kyo-hwa-so (re-education camp)" --lang en
s term add kyohwaso --lang en --concept kyo-hwa-so --status preferred
s term add "re-education camp" --lang en --concept kyo-hwa-so
s term rm "DMZ (Demilitarized Zone)" --lang en
s term add "Demilitarized Zone" --lang en --concept dmz --status preferred
s term add DMZ --lang en --concept dmz --type abbreviation
s term rm "안해(아내)"
s term add 안해 --concept wife --status preferred --note "North Korean spelling."
s term add 아내 --concept wife
s term rm "군(郡) 안전부"
s term add "군 안전부" --concept county-branch-of-the-ministry-of-social-security --status preferred --note "군 here is 郡, county."
s term rm "남조선(남한) 상품"
s term add "남조선 상품" --concept south-korean-products --status preferred --note "North Korean usage."
s term add "남한 상품" --concept south-korean-products
s term rm "안기부(국가정보원)"
s term add 국가정보원 "National Intelligence Service" --concept south-korean-intelligence --status preferred
s term add 안기부 "Agency for National Security Planning" --concept south-korean-intelligence --status deprecated --valid-until 1999
s term add NIS --lang en --concept south-korean-intelligence --type abbreviation

# --- House style: provinces as "X Province", as Daily NK writes them ----------------------
s term add "North Hwanghae Province" --lang en --concept north-hwanghae --status preferred
s term add "Kangwon Province" --lang en --concept kangwon --status preferred
s term add "North Pyongan Province" --lang en --concept north-pyongan --status preferred

# --- Domains that the raw categories got wrong --------------------------------------------
s concept set ministry-of-state-security-official --domain security

# --- Short everyday words that term recognition must find (군, 도, 국가, 인민) ------------------
s term add 군 county --domain administration --pos noun --author "sajeon team" \
  --definition "County (郡), the administrative level below a province; stands alone in 군 당국, 이 군에서는." \
  --note "Homonym: 군 (軍) 'military' as in 군 복무 is a different word; translate by context."
s term add 도 province --domain administration --pos noun --author "sajeon team" \
  --definition "Province (道), the top level of local administration; stands alone in 도 당국, 각 도에."
s term add 국가 state --domain state --pos noun --author "sajeon team" \
  --definition "The state (國家), as in 국가 재산 'state property'."
s term add 인민 people --domain state --pos noun --author "sajeon team" \
  --definition "The people (人民), as in 인민 생활 'people's livelihoods'; in names see 인민위원회, 인민반."
s term add 평양 --concept pyongyang --status admitted
