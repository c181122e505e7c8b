"""Original demo content for Masthead: The Kestrel Ledger, a fictional reader-funded newsroom.

Everything here is invented: the country of Veldmark, its cities, its neighbour the Drovan
Federation, and every person, organisation and quotation. Publication times are relative
(``days_ago``/``time``, ``hours_ago``, ``minutes_after``) so the demo always looks current.
This module holds plain data only and must not import Django.
"""

from __future__ import annotations

NEWSROOM = {
    "name": "The Kestrel Ledger",
    "short_name": "Kestrel Ledger",
    "tagline": "Independent reporting from Veldmark, paid for by its readers",
    "language": "en",
    "founded": 2023,
    "about_pages": [
        {
            "slug": "about",
            "title": "About us",
            "body": [
                (
                    "<p>The Kestrel Ledger is an independent, reader-funded newsroom that "
                    "reports on Veldmark in English. It was founded in Arnhalt in 2023 by "
                    "six journalists who wanted a newsroom answerable to its readers "
                    "rather than to an owner, an advertiser or a government.</p>"
                ),
                (
                    "<p>Since the Drovan Federation invaded in November 2024, most of our "
                    "work has been about the war and what it is doing to the country: the "
                    "front line in Ostmark oblast, the politics of a state under martial "
                    "law, the economy that pays for it and the cultural life that has "
                    "refused to stop. A staff of 14 works from Arnhalt, Lenndal and "
                    "Sorvik, with a network of freelance contributors in the east.</p>"
                ),
                (
                    "<p>Our journalism is free to read, and it will stay that way. It is "
                    "paid for by members: readers who give a monthly or yearly amount of "
                    "their own choosing. We take no money from political parties, "
                    "government bodies or companies we report on, and we publish a "
                    "breakdown of our income every spring.</p>"
                ),
                (
                    "<p>We write in English because much of the world’s attention to "
                    "Veldmark arrives in English, and because a growing number of "
                    "Veldmark’s own citizens now follow the news from abroad.</p>"
                ),
                (
                    "<p>Every article can also be heard as audio, read by a synthetic "
                    "voice that we have taught to pronounce Veldmark’s names. When it gets "
                    "one wrong, please tell us; we keep a list.</p>"
                ),
            ],
        },
        {
            "slug": "corrections-policy",
            "title": "Corrections policy",
            "body": [
                (
                    "<p>We make mistakes. When we do, we correct them in the open, as "
                    "quickly as we can, and we say what we got wrong.</p>"
                ),
                (
                    "<p>When we correct a factual error, we change the article and add a "
                    "dated note at the end stating what was wrong and what is right. We do "
                    "not quietly rewrite published facts, and we do not delete articles to "
                    "hide errors.</p>"
                ),
                (
                    "<p>Developing stories change as we learn more. New information is "
                    "marked as an update, and kept separate from corrections, so that "
                    "readers can tell the difference between news that moved and a mistake "
                    "that we made.</p>"
                ),
                (
                    "<p>Changes to spelling, grammar or style that do not alter the "
                    "meaning of a sentence are made without a note. Serious errors, such "
                    "as a wrong name in an allegation or a misattributed quote, are also "
                    "flagged at the top of the article and in any newsletter that carried "
                    "the original.</p>"
                ),
                (
                    "<p>To report an error, write to <a "
                    'href="mailto:corrections@kestrelledger.example">'
                    "corrections@kestrelledger.example</a>. A senior editor reads every "
                    "message, and we aim to reply within 2 working days.</p>"
                ),
            ],
        },
        {
            "slug": "contact",
            "title": "Contact us",
            "body": [
                (
                    '<p>General enquiries: <a href="mailto:hello@kestrelledger.example">'
                    "hello@kestrelledger.example</a>.</p>"
                ),
                (
                    '<p>News tips: <a href="mailto:tips@kestrelledger.example">'
                    "tips@kestrelledger.example</a>. If your information is sensitive, "
                    'read our <a href="https://kestrelledger.example/secure">secure '
                    "contact guide</a> first, and do not write to us from a work phone, a "
                    "work computer or a work network.</p>"
                ),
                (
                    "<p>Membership and payments: <a "
                    'href="mailto:members@kestrelledger.example">'
                    "members@kestrelledger.example</a>. We answer on weekdays between 9 "
                    "a.m. and 5 p.m., Arnhalt time.</p>"
                ),
                (
                    '<p>Corrections: <a href="mailto:corrections@kestrelledger.example">'
                    "corrections@kestrelledger.example</a>.</p>"
                ),
                (
                    "<p>By post: The Kestrel Ledger, 14 Tanner Street, 1104 Arnhalt, "
                    "Veldmark. We do not have a public office, for the safety of our "
                    "staff.</p>"
                ),
            ],
        },
        {
            "slug": "ethics",
            "title": "Ethics and standards",
            "body": [
                (
                    "<p><b>Independence.</b> We are independent of every political party, "
                    "government, company and foreign state. Members’ contributions do not "
                    "buy influence over our coverage, and no member, whatever they give, "
                    "is told in advance what we will publish.</p>"
                ),
                (
                    "<p><b>Sources.</b> We name our sources wherever we can. We grant "
                    "anonymity only when a source faces a real risk, such as prosecution, "
                    "dismissal or physical danger, and only when the information cannot be "
                    "had on the record. At least one editor knows the identity of every "
                    "anonymous source we rely on.</p>"
                ),
                (
                    "<p><b>Reporting a war.</b> We do not publish information that could "
                    "reveal the positions of troops on either side, the location of air "
                    "defence systems or the identities of people at risk in occupied "
                    "areas. We show the dead only when it is necessary to understand a "
                    "story, and never in a way that identifies them before their families "
                    "have been told.</p>"
                ),
                (
                    "<p><b>Conflicts of interest.</b> Staff declare any interest that "
                    "could affect their work, and an editor decides whether they should "
                    "step back from a story. When we report on an organisation that one of "
                    "us belongs to, we say so in the article.</p>"
                ),
                (
                    "<p><b>Technology.</b> We do not use generative software to write or "
                    "edit our journalism. We do use synthetic speech to produce the audio "
                    "version of each article, and those recordings are labelled as "
                    "such.</p>"
                ),
            ],
        },
    ],
}

AUTHORS = [
    {
        "slug": "ilse-marten",
        "name": "Ilse Marten",
        "role": "Senior correspondent",
        "bio": (
            "Ilse Marten has reported on the war in Ostmark since the first week of the "
            "invasion, and before that covered the Veldsting for eight years. She is based "
            "in Lenndal and spends about half of each month in the east, where she also "
            "takes many of the photographs that run with her reporting."
        ),
        "links": [
            {"label": "Email", "url": "mailto:ilse.marten@kestrelledger.example"},
            {"label": "Mastodon", "url": "https://social.example/@ilsemarten"},
        ],
        "photo_palette": "slate",
    },
    {
        "slug": "tomas-eklind",
        "name": "Tomas Eklind",
        "role": "Political editor",
        "bio": (
            "Tomas Eklind leads the Ledger’s coverage of the government, the Veldsting and "
            "elections. He spent 11 years at a regional daily in Brask before joining the "
            "newsroom at its founding, and he writes The Morning Ledger every weekday."
        ),
        "links": [
            {"label": "Email", "url": "mailto:tomas.eklind@kestrelledger.example"},
            {"label": "Mastodon", "url": "https://social.example/@tomaseklind"},
        ],
        "photo_palette": "indigo",
    },
    {
        "slug": "rana-okafor-lind",
        "name": "Rana Okafor-Lind",
        "role": "Economics correspondent",
        "bio": (
            "Rana Okafor-Lind covers the economy, trade and what the war costs households "
            "and businesses. Before joining the Ledger in 2023 she was a bond market "
            "analyst in Sorvik, which she says taught her to read a footnote before a "
            "headline."
        ),
        "links": [
            {"label": "Email", "url": "mailto:rana.okaforlind@kestrelledger.example"},
            {"label": "Mastodon", "url": "https://social.example/@ranaol"},
        ],
        "photo_palette": "ochre",
    },
    {
        "slug": "jonah-aberle",
        "name": "Jonah Aberle",
        "role": "Investigations and data reporter",
        "bio": (
            "Jonah Aberle investigates public spending, the security services and the use "
            "of emergency powers. He files more freedom of information requests than "
            "anyone else in the newsroom and hosts the weekly Explaining Veldmark "
            "newsletter."
        ),
        "links": [
            {"label": "Email", "url": "mailto:jonah.aberle@kestrelledger.example"},
            {"label": "Mastodon", "url": "https://social.example/@jonahaberle"},
        ],
        "photo_palette": "teal",
    },
    {
        "slug": "petra-solvang",
        "name": "Petra Solvang",
        "role": "Culture editor",
        "bio": (
            "Petra Solvang writes about music, film and books, and about how Veldmark’s "
            "cultural life has adapted to the war. A former concert programmer in Arnhalt, "
            "she edits the Margins newsletter every Friday."
        ),
        "links": [
            {"label": "Email", "url": "mailto:petra.solvang@kestrelledger.example"},
            {"label": "Mastodon", "url": "https://social.example/@petrasolvang"},
        ],
        "photo_palette": "rose",
    },
    {
        "slug": "mireille-dask",
        "name": "Mireille Dask",
        "role": "Editor-in-chief",
        "bio": (
            "Mireille Dask co-founded The Kestrel Ledger in 2023 after 15 years as a "
            "foreign correspondent and news editor. She is responsible for the newsroom’s "
            "editorial standards and writes an occasional column."
        ),
        "links": [
            {"label": "Email", "url": "mailto:mireille.dask@kestrelledger.example"},
            {"label": "Mastodon", "url": "https://social.example/@mireilledask"},
        ],
        "photo_palette": "olive",
    },
    {
        "slug": "halvard-ness",
        "name": "Halvard Ness",
        "role": "Contributing columnist",
        "bio": (
            "Halvard Ness was head teacher of School No. 2 in Dunavik for 22 years, until "
            "the town was evacuated in 2024. He now lives in Lenndal, volunteers with "
            "displaced families and writes for the Ledger about education."
        ),
        "links": [
            {"label": "Email", "url": "mailto:halvard.ness@kestrelledger.example"},
            {"label": "Mastodon", "url": "https://social.example/@halvardness"},
        ],
        "photo_palette": "slate",
    },
]

SECTIONS = [
    {
        "slug": "war",
        "title": "War",
        "description": (
            "Reporting from the front line in Ostmark oblast and on how two years of "
            "invasion have reshaped life across Veldmark."
        ),
    },
    {
        "slug": "politics",
        "title": "Politics",
        "description": (
            "The government, the Veldsting, the courts and the security services of a "
            "democracy governing under martial law."
        ),
    },
    {
        "slug": "business",
        "title": "Business",
        "description": (
            "The economy that pays for the war: trade, energy, the krona and the cost of "
            "living for households and firms."
        ),
    },
    {
        "slug": "opinion",
        "title": "Opinion",
        "description": ("Argument and analysis from our editors and invited contributors, clearly labelled as such."),
    },
    {
        "slug": "culture",
        "title": "Culture",
        "description": (
            "Music, film, books and the stubborn cultural life of a country that has not stopped making things."
        ),
    },
]

ARTICLES = [
    {
        "slug": "sorvik-strikes-cut-power-emergency-session",
        "title": "Strikes cut power to 340,000 Sorvik homes as cabinet meets in emergency session",
        "standfirst": (
            "Drovan missiles and drones hit two substations and a heating plant in "
            "Veldmark’s main port city overnight. At least four people were killed, and "
            "officials say repairs will take weeks, not days."
        ),
        "section": "war",
        "authors": ["ilse-marten", "tomas-eklind"],
        "tags": ["Sorvik", "Energy", "Air defence"],
        "days_ago": 0,
        "time": "07:40",
        "hero": {
            "caption": (
                "Residents of Sorvik’s Harbour district fill water containers at a "
                "standpipe before dawn, after overnight strikes cut power and heating to "
                "much of the city."
            ),
            "credit": "Ilse Marten/The Kestrel Ledger",
            "alt": ("People in winter coats queue with plastic containers at a street water tap in the dark."),
            "motif": "night",
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>A wave of Drovan missiles and attack drones struck Sorvik between "
                    "2:10 a.m. and 4:45 a.m., knocking out two of the city’s three main "
                    "electrical substations and damaging the Nordvall combined heat and "
                    "power plant, which supplies hot water to roughly half of the port "
                    "city’s apartment blocks. By 7 a.m., about 340,000 households were "
                    "without electricity, according to the regional grid operator, Sorvik "
                    "Grid.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>At least four people were killed and 27 injured, the regional "
                    "emergency service said, among them two night-shift workers at the "
                    "plant. A 71-year-old man was reported missing in the rubble of a "
                    "residential building on Tollvik Street, where a drone came down after "
                    "being hit by air defence fire.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Prime Minister Mattis Orlund called the cabinet into emergency "
                    "session in Arnhalt shortly after 6 a.m. In a brief statement outside "
                    "the government building, he said the attack had been “designed to "
                    "make a city of 600,000 people cold in the last week of November” and "
                    "promised that mobile generators would reach every hospital in Sorvik "
                    "by nightfall.</p>"
                ),
            ),
            ("heading", "What was hit"),
            (
                "paragraph",
                (
                    "<p>The VDF (Veldmark Defence Forces) said its air defence units had "
                    "tracked 31 missiles and 84 drones launched from Drovan territory and "
                    "from the occupied part of Ostmark oblast. It said 22 of the missiles "
                    "and 71 of the drones were shot down, a rate of about 81%, below the "
                    "90% the military has reported for most large attacks this year.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Henrik Saale, a spokesman for the VDF’s air command, said the "
                    "missiles had flown low along the coast and approached Sorvik from the "
                    "sea, a route the military has seen twice before. “They are learning "
                    "where our gaps are, and we are learning too, but a port city is a "
                    "very long shoreline to defend,” he said.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Sorvik Grid said the damage at the larger of the two substations, "
                    "in the industrial district of Kerrhamn, was the worst it had recorded "
                    "since the invasion began on Nov. 21, 2024. The company put the cost "
                    "of repairs at 140 million krona, about €12.3 million, and said it had "
                    "asked the energy ministry for transformers from the national "
                    "reserve.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "We can replace a transformer in a week if we have one. The "
                        "problem is that we have already used most of the ones we had."
                    ),
                    "attribution": "Liv Amundal, chief executive, Sorvik Grid",
                },
            ),
            (
                "image",
                {
                    "caption": (
                        "The burnt-out shell of a transformer at the Kerrhamn substation, "
                        "photographed from behind a police cordon."
                    ),
                    "credit": "Ilse Marten/The Kestrel Ledger",
                    "alt": "Blackened electrical equipment behind red and white cordon tape.",
                    "motif": "city",
                },
            ),
            ("heading", "Water, heat and schools"),
            (
                "paragraph",
                (
                    "<p>The city’s water utility said pumping stations in three districts "
                    "had switched to backup generators, but warned that pressure would be "
                    "low on the upper floors of tall buildings until at least 3:30 p.m. "
                    "Schools will stay closed until the end of the week, the education "
                    "department said, and 11 heating points with generators, hot drinks "
                    "and phone charging have opened in libraries and sports halls.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>At a heating point in the Harbour district, Marta Eskeland, 38, "
                    "said she had left her apartment on the 9th floor with her two "
                    "children at about 5 a.m. “The radiators were already going cold. We "
                    "heard the explosions and then everything went quiet: no fridge, no "
                    "lift, nothing,” she said. “The children are treating it like an "
                    "adventure. I am not.”</p>"
                ),
            ),
            (
                "fact_box",
                {
                    "title": "The attack in numbers",
                    "items": [
                        "31 missiles and 84 drones launched, according to the VDF",
                        "93 shot down, about 81%",
                        "340,000 households without power at 7 a.m.",
                        "At least 4 killed and 27 injured",
                        "Estimated repair bill: 140 million krona",
                    ],
                },
            ),
            ("heading", "An emergency session, and a vote"),
            (
                "paragraph",
                (
                    "<p>The strikes came hours before the Veldsting, the national "
                    "parliament, was due to debate the government’s request to extend "
                    "martial law by a further 90 days. Defence Minister Kaja Brenholt told "
                    "reporters she expected the extension to pass “with a larger majority "
                    "than last time”, and said Veldmark would renew its request for more "
                    "air defence interceptors at a donor conference in Lenndal on Dec. "
                    "2.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Ragna Tiller, the leader of the opposition Civic Alliance, which "
                    "voted against the last two extensions, said her party would support "
                    "this one. She demanded, however, a public account of why, in her "
                    "words, “Sorvik has been left with the thinnest air defence of any "
                    "large city in the country”. The SBV (State Security Bureau of "
                    "Veldmark) said it had opened an inquiry into whether the location of "
                    "equipment at the Kerrhamn substation had been passed to Drovan "
                    "forces.</p>"
                ),
            ),
            ("related", "vdf-reservist-rotation-plan"),
            (
                "paragraph",
                (
                    "<p><i>Ilse Marten reported from Sorvik and Tomas Eklind from Arnhalt. "
                    "This article is being updated.</i></p>"
                ),
            ),
        ],
        "updates": [
            {
                "kind": "update",
                "minutes_after": 95,
                "text": (
                    "Sorvik Grid says power has been restored to about 120,000 households "
                    "in the western districts. It expects rolling four-hour outages across "
                    "the city for at least 10 days."
                ),
            },
            {
                "kind": "correction",
                "minutes_after": 150,
                "text": (
                    "An earlier version of this article said 430,000 households had lost "
                    "power. The correct figure, according to Sorvik Grid, is 340,000."
                ),
            },
        ],
    },
    {
        "slug": "dunavik-evacuation-buses",
        "title": ("In Dunavik, the evacuation buses leave at dawn, and fewer people get on each week"),
        "standfirst": (
            "About 3,100 people remain in a front-line town that had 48,000 before the "
            "invasion. Those who stay say they have their reasons; the volunteers who "
            "drive the buses are running out of arguments."
        ),
        "section": "war",
        "authors": ["ilse-marten"],
        "tags": ["Ostmark", "Evacuation", "Dunavik"],
        "days_ago": 1,
        "time": "18:20",
        "hero": {
            "caption": (
                "A volunteer helps an elderly woman onto an evacuation bus in the central "
                "square of Dunavik, Ostmark oblast, at first light."
            ),
            "credit": "Ilse Marten/The Kestrel Ledger",
            "alt": ("A woman in a headscarf is helped up the steps of a white bus by a man in a high-visibility vest."),
            "motif": "city",
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>The first bus leaves the central square in Dunavik at 6:15 a.m., "
                    "before the drones that hunt along the Ostra river road have enough "
                    "light to see by. On the morning The Kestrel Ledger travelled with the "
                    "evacuation team, it left with nine passengers, 14 bags, a cat in a "
                    "laundry basket and 41 empty seats.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Dunavik, 11 kilometres from the front line in Ostmark oblast, had "
                    "48,000 residents before the invasion. Local officials now estimate "
                    "that about 3,100 remain, most of them over 60. The town has had no "
                    "mains gas since March 2025 and no piped water since a pumping station "
                    "was destroyed in August. Shelling, which once came in bursts, now "
                    "arrives every day.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The regional administration ordered the compulsory evacuation of "
                    "families with children in September, and 212 children were taken out "
                    "over the following three weeks. For adults, leaving is still "
                    "voluntary. That distinction is what the volunteers of Ostra Road "
                    "Rescue, a group of 23 drivers and medics based in Lenndal, spend most "
                    "of their time arguing about.</p>"
                ),
            ),
            ("heading", "“I have heard every reason”"),
            (
                "paragraph",
                (
                    "<p>Nils Haugmark, a 56-year-old former lorry driver who coordinates "
                    "the group’s runs, has made the trip to Dunavik 170 times. He keeps a "
                    "notebook of the people who say no, with their addresses and the "
                    "reasons they give, so that the next team knows whose door to knock on "
                    "and what to say when it opens.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "I have heard every reason. The cow, the husband’s grave, the "
                        "pension that only comes to this post office. Some of them are "
                        "good reasons. None of them will stop a shell."
                    ),
                    "attribution": "Nils Haugmark, coordinator, Ostra Road Rescue",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Of the nine passengers on the bus that morning, six had been asked "
                    "at least three times before. Greta Lorentzen, 79, a retired "
                    "bookkeeper, had refused twice over the summer. She changed her mind, "
                    "she said, after a shell hit the house two doors from hers on Nov. 9 "
                    "and her neighbour’s dog would not stop barking at the hole in the "
                    "wall. “I lived here through everything for 79 years,” she said. “I "
                    "decided I would like to live a little longer somewhere else.”</p>"
                ),
            ),
            (
                "image",
                {
                    "caption": (
                        "Nils Haugmark checks his notebook of addresses before a run into "
                        "Dunavik. He has made the trip 170 times."
                    ),
                    "credit": "Ilse Marten/The Kestrel Ledger",
                    "alt": ("A grey-haired man reads a small notebook in the driver’s seat of a bus."),
                    "motif": "field",
                },
            ),
            ("heading", "Where they go"),
            (
                "paragraph",
                (
                    "<p>Evacuees are taken first to a transit centre in a former "
                    "vocational school in Lenndal, 190 kilometres to the west, where they "
                    "can stay for up to 3 days while social workers look for longer-term "
                    "housing. The centre has 160 beds and took in 1,840 people in October, "
                    "according to its director, Ulla Brandt. In October last year, the "
                    "figure was 2,600.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Under a law passed by the Veldsting in 2025, registered displaced "
                    "people receive a monthly allowance of 4,200 krona for adults and "
                    "3,000 krona for children, about €368 and €263. Ms Brandt said the "
                    "allowance covered roughly half the rent of a one-room flat in "
                    "Lenndal, where rents have risen 22% since the start of the war.</p>"
                ),
            ),
            (
                "fact_box",
                {
                    "title": "Dunavik, then and now",
                    "items": [
                        "Population before the invasion: 48,000",
                        "Estimated population today: about 3,100",
                        "Distance to the front line: 11 km",
                        "No gas since March 2025, no piped water since August",
                        "212 children evacuated under the September order",
                    ],
                },
            ),
            ("heading", "Those who stay"),
            (
                "paragraph",
                (
                    "<p>Not everyone who stays is elderly or undecided. At the town’s one "
                    "working bakery, which runs its oven on a diesel generator three "
                    "mornings a week, Piet Arvola, 44, said he had sent his wife and sons "
                    "to Brask and would remain as long as there were people to feed. He "
                    "sells about 300 loaves on a baking day, at 25 krona each, the same "
                    "price as before the war. “If I raise it, the pensioners cannot buy "
                    "it. If I leave, nobody here has bread,” he said.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The bus reached Lenndal at 11:40 a.m. Ms Lorentzen, who had held "
                    "her handbag on her lap for the entire journey, asked the driver "
                    "whether he would be going back the next day. He said he would. “Then "
                    "knock on number 14 on Mill Street,” she told him. “She is stubborn, "
                    "but tell her I said it is all right here.”</p>"
                ),
            ),
            ("related", "displaced-teachers-pay-opinion"),
        ],
        "updates": [],
    },
    {
        "slug": "vdf-reservist-rotation-plan",
        "title": ("VDF to train 14,500 reservists so front-line troops can rotate out, ministry says"),
        "standfirst": (
            "The plan would let soldiers who have served more than 18 months on the "
            "Ostmark front take regular leave for the first time. Commanders welcome it; "
            "critics say the numbers do not add up."
        ),
        "section": "war",
        "authors": ["tomas-eklind"],
        "tags": ["VDF", "Mobilisation", "Ostmark"],
        "days_ago": 2,
        "time": "14:05",
        "hero": {
            "caption": ("Reservists practise battlefield first aid at a training ground outside Brask."),
            "credit": "Photo: Veldmark Ministry of Defence",
            "alt": "Soldiers in camouflage kneel over a training dummy on muddy ground.",
            "motif": "field",
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>The VDF (Veldmark Defence Forces) will call up and train 14,500 "
                    "reservists over the next six months so that soldiers who have spent "
                    "more than 18 months on the front line in Ostmark oblast can be "
                    "rotated out, Defence Minister Kaja Brenholt told a news conference in "
                    "Arnhalt.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The first group of 3,200 reservists will report to training "
                    "centres in Brask and Lenndal on Jan. 12. Each will receive 11 weeks "
                    "of training, up from the 7 weeks reservists received in the first "
                    "year of the war, before joining brigades in the east. The ministry "
                    "said the programme would cost about 2.9 billion krona, roughly €254 "
                    "million, in 2027.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>“We are asking a great deal of the same people for a very long "
                    "time,” Ms Brenholt said. “A soldier who has not seen his family in a "
                    "year is not a soldier who makes good decisions under fire.”</p>"
                ),
            ),
            ("heading", "How rotation would work"),
            (
                "paragraph",
                (
                    "<p>Under the plan, soldiers who have served at least 18 months in "
                    "front-line units will be entitled to 30 days’ leave, followed by 6 "
                    "months in a rear or training role before any return to the front. The "
                    "ministry estimates that about 9,800 soldiers currently meet that "
                    "threshold. It would not say how many troops the VDF has in Ostmark in "
                    "total, citing operational security.</p>"
                ),
            ),
            (
                "fact_box",
                {
                    "title": "The rotation plan",
                    "items": [
                        "14,500 reservists to be trained over six months",
                        "First intake of 3,200 reports on Jan. 12",
                        "Training extended from 7 to 11 weeks",
                        "Estimated cost in 2027: 2.9 billion krona",
                        "About 9,800 soldiers eligible for rotation",
                    ],
                },
            ),
            (
                "paragraph",
                (
                    "<p>Colonel Anton Rask, who commands the 3rd Mechanised Brigade near "
                    "Dunavik, said in a telephone interview that some of his soldiers had "
                    "not spent more than 10 consecutive days away from the front since the "
                    "spring of 2025. “They will go home for a month, and some of them will "
                    "find that harder than the trenches,” he said. “But they have earned "
                    "the chance to find out.”</p>"
                ),
            ),
            ("heading", "Doubts about the arithmetic"),
            (
                "paragraph",
                (
                    "<p>Not everyone is convinced. Sigrun Hale, a former VDF officer who "
                    "now studies military personnel policy at the University of Arnhalt, "
                    "said that once training losses, medical exemptions and the usual 12% "
                    "to 15% of reservists who fail to report were taken into account, each "
                    "reservist called up would replace fewer than one eligible soldier.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "The plan is right in principle. But 14,500 reservists on paper "
                        "become perhaps 11,000 soldiers in brigades, and by the time they "
                        "arrive, the number of people who have served 18 months will have "
                        "grown."
                    ),
                    "attribution": "Sigrun Hale, University of Arnhalt",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Ms Hale also pointed to a shortage of instructors. The ministry "
                    "said 640 instructors would be needed and about 500 were in place; the "
                    "rest would be drawn from wounded veterans who have volunteered to "
                    "teach.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The opposition Civic Alliance said it supported rotation but "
                    "wanted the ministry to publish the number of reservists who failed to "
                    "report during the last call-up, in the summer of 2025. The ministry "
                    "has said only that the figure was “within expected limits”. The "
                    "Kestrel Ledger requested the number under the Freedom of Information "
                    "Act in September; the request is still unanswered, beyond the 30-day "
                    "legal deadline.</p>"
                ),
            ),
            ("heading", "Families want it in law"),
            (
                "paragraph",
                (
                    "<p>Families of soldiers have campaigned for fixed terms of service "
                    "since the first winter of the war. Mirjam Stavnes, who founded the "
                    "Home by Spring association after her husband served 20 months without "
                    "a break, called the announcement “the first time the ministry has "
                    "spoken our language”.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The association, which has 7,400 members, plans a vigil outside "
                    "the Veldsting on Dec. 5 to ask for the rotation rules to be written "
                    "into law rather than set by ministerial order, which can be changed "
                    "without a vote. “An order can be withdrawn on a Friday afternoon,” Ms "
                    "Stavnes said. “A law cannot.”</p>"
                ),
            ),
            ("related", "veldsting-passes-2027-budget"),
        ],
        "updates": [],
    },
    {
        "slug": "brask-drone-workshops",
        "title": "In Brask, school gyms become drone workshops run by volunteers after dark",
        "standfirst": (
            "A network of about 40 volunteer workshops assembles roughly 2,000 small "
            "reconnaissance drones a month for the VDF. The government wants to bring them "
            "under state contracts, and not all of them want to go."
        ),
        "section": "war",
        "authors": ["jonah-aberle"],
        "tags": ["Drones", "Brask", "Volunteers"],
        "days_ago": 4,
        "time": "09:30",
        "hero": {
            "caption": (
                "Volunteers solder circuit boards at a drone workshop set up in a secondary school gym in Brask."
            ),
            "credit": "Oskar Lindqvist/The Kestrel Ledger",
            "alt": ("Rows of people at folding tables work on small electronics under bright gym lights."),
            "motif": "studio",
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>At 7 p.m., when the last basketball practice ends at Secondary "
                    "School No. 4 in Brask, the folding tables come out. By 7:30 p.m., "
                    "about 30 people are soldering, gluing and testing the parts of small "
                    "reconnaissance drones under the gym’s fluorescent lights: a chemistry "
                    "teacher, two retired electricians, a dentist, several university "
                    "students and a 16-year-old who, the organisers say, is the fastest in "
                    "the room at flashing firmware.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The workshop is one of about 40 run by the Brask Makers Network, a "
                    "volunteer group that began in a garage in the first month of the war. "
                    "It now produces around 2,000 drones a month, all donated to VDF units "
                    "in Ostmark oblast. Each costs about 3,800 krona, roughly €333, to "
                    "build, paid for by small donations; the median gift is 150 krona.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Every drone we send has a name written inside the shell in marker "
                        "pen. The soldiers send us photos when they find them."
                    ),
                    "attribution": "Hanne Virkund, chemistry teacher and workshop lead",
                },
            ),
            ("heading", "From garage to supply chain"),
            (
                "paragraph",
                (
                    "<p>Hanne Virkund, who teaches chemistry at the school by day and runs "
                    "the workshop at night, said the network had become more organised "
                    "than anyone expected. Requests arrive from units through a shared "
                    "spreadsheet. Parts are bought in bulk by a treasurer in Sorvik, and "
                    "finished drones are driven east every Friday in two vans. “We started "
                    "because we were angry and could not sit still,” she said. “Now we "
                    "have a quality checklist with 46 items.”</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The VDF acknowledges that volunteer groups supply a significant "
                    "share of its small drones, though it does not publish figures. A "
                    "senior officer in the procurement department, who asked not to be "
                    "named because he was not authorised to speak publicly, estimated that "
                    "volunteers had provided “somewhere between a quarter and a third” of "
                    "the reconnaissance drones used by front-line units in 2026.</p>"
                ),
            ),
            (
                "fact_box",
                {
                    "title": "The Brask Makers Network",
                    "items": [
                        "About 40 workshops, most in schools and community halls",
                        "Roughly 2,000 drones a month",
                        "Build cost: about 3,800 krona per drone",
                        "Median donation: 150 krona",
                        "Founded in the first month of the war",
                    ],
                },
            ),
            ("heading", "The state wants in"),
            (
                "paragraph",
                (
                    "<p>In October, the defence ministry published draft rules under which "
                    "volunteer workshops producing more than 500 drones a month would have "
                    "to register as defence suppliers and meet the certification standards "
                    "that apply to commercial manufacturers. In return, they would become "
                    "eligible for state contracts. The ministry says the rules are needed "
                    "to guarantee quality and to stop sensitive components from being "
                    "resold.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>For the Brask network, registration would mean a payroll, an "
                    "accountant, security clearances for its organisers and regular "
                    "inspections. Its coordinator, Erik Dalsgaard, a former software "
                    "engineer, said the group had not decided whether to register or to "
                    "split into smaller groups that would stay below the threshold. “If we "
                    "register, we get money and lose speed,” he said. “Right now a unit "
                    "tells us on Tuesday what it needs, and on Friday it is in the "
                    "van.”</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Arvid Lunde, the deputy defence minister responsible for "
                    "procurement, said in a statement that the ministry valued the "
                    "volunteers’ work and had no intention of “putting anyone out of "
                    "business”. The rules would take effect on Feb. 1, he said, and "
                    "workshops would have 6 months to comply.</p>"
                ),
            ),
            (
                "image",
                {
                    "caption": (
                        "Finished drones are labelled and packed for the weekly drive "
                        "east. Each carries a handwritten name inside its shell."
                    ),
                    "credit": "Oskar Lindqvist/The Kestrel Ledger",
                    "alt": "Small grey drones in cardboard boxes, each with a paper label.",
                    "motif": "studio",
                },
            ),
            ("heading", "The night’s tally"),
            (
                "paragraph",
                (
                    "<p>Back in the gym, shortly before 11 p.m., Ms Virkund checked the "
                    "night’s count on a whiteboard: 71 drones finished, 4 rejected at "
                    "testing. The tables were folded and stacked against the wall bars, "
                    "and the floor was swept for stray screws before the morning’s first "
                    "physical education class.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Her own first lesson, she noted, was at 8:15 a.m. She did not "
                    "sound as though she minded. “My pupils ask me what I do in the "
                    "evenings,” she said. “I tell them I am still teaching chemistry. It "
                    "is true, more or less.”</p>"
                ),
            ),
            ("related", "vdf-reservist-rotation-plan"),
        ],
        "updates": [],
    },
    {
        "slug": "veldsting-passes-2027-budget",
        "title": "Veldsting passes 2027 budget with a record 7.5% of GDP for defence",
        "standfirst": (
            "The budget passed by 104 votes to 71 after an all-night session. It raises "
            "income tax on top earners, cuts spending on roads and depends on foreign "
            "loans the government has not yet secured."
        ),
        "section": "politics",
        "authors": ["tomas-eklind", "rana-okafor-lind"],
        "tags": ["Budget", "Veldsting", "Defence"],
        "days_ago": 1,
        "time": "10:50",
        "hero": {
            "caption": (
                "Members of the Veldsting vote on the 2027 budget in the main chamber in "
                "Arnhalt after a debate lasting more than 19 hours."
            ),
            "credit": "Photo: Veldsting Press Office",
            "alt": "Lawmakers seated in a semicircular chamber raise voting cards.",
            "motif": "parliament",
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Veldmark’s parliament approved the government’s 2027 budget "
                    "shortly before 6 a.m. after a debate that lasted more than 19 hours, "
                    "committing a record 7.5% of gross domestic product to defence and "
                    "raising taxes on the country’s highest earners for the second year in "
                    "a row.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The budget passed by 104 votes to 71, with 5 abstentions, in the "
                    "180-seat Veldsting. Prime Minister Mattis Orlund’s governing "
                    "coalition of the Social Democrats and the Farmers’ Union was joined "
                    "by the 8 members of the Green List, who had secured extra funding for "
                    "the reconstruction of damaged schools.</p>"
                ),
            ),
            (
                "fact_box",
                {
                    "title": "The 2027 budget at a glance",
                    "items": [
                        "Total spending: 412 billion krona",
                        "Defence: 7.5% of GDP, up from 6.2%",
                        "Deficit: 9.1% of GDP",
                        "Top income tax rate: 52%, up from 49%",
                        "Road maintenance cut by 18%",
                    ],
                },
            ),
            ("heading", "Where the money goes"),
            (
                "paragraph",
                (
                    "<p>Total spending will reach 412 billion krona, or about €36.1 "
                    "billion. Defence spending rises to 7.5% of GDP from 6.2% this year, "
                    "with most of the increase going to air defence, ammunition and the "
                    "reservist training programme announced earlier this week. Spending on "
                    "road maintenance outside Ostmark oblast will fall by 18%, and the "
                    "culture ministry’s budget is frozen at its 2026 level.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The top rate of income tax, which applies to annual earnings above "
                    "1.2 million krona, rises from 49% to 52% from Jan. 1. The finance "
                    "ministry estimates that about 38,000 taxpayers will pay the higher "
                    "rate, raising an additional 3.4 billion krona a year.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Nobody in this chamber wanted to vote for this budget. Everybody "
                        "in this chamber knows why we have to."
                    ),
                    "attribution": "Mattis Orlund, prime minister",
                },
            ),
            ("heading", "A gap to fill"),
            (
                "paragraph",
                (
                    "<p>The budget forecasts a deficit of 9.1% of GDP, the largest in the "
                    "country’s history. The finance ministry expects to cover roughly half "
                    "of it with domestic bonds and the rest with foreign loans and grants, "
                    "including a €2.5 billion facility still being negotiated with a group "
                    "of partner governments. Finance Minister Oda Kjellberg said she "
                    "expected the first tranche by the end of March.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Ragna Tiller, the leader of the opposition Civic Alliance, said "
                    "the government had “written a budget around money it does not have”. "
                    "Her party had proposed a smaller tax increase combined with a one-off "
                    "levy on bank profits; the amendment was rejected by 97 votes to "
                    "83.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Economists were divided. Pernille Osk, chief economist at Nordhavn "
                    "Bank in Sorvik, called the budget “tight but credible”, provided the "
                    "foreign financing arrives on time. “If it slips by a quarter, the "
                    "central bank will be asked to fill the gap, and that is where the "
                    "krona starts to suffer,” she said.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Some of the sharpest criticism came from mayors. Jorun Ekdahl, the "
                    "mayor of Brask, said the cut to road maintenance would fall hardest "
                    "on the western regions that have taken in the most displaced people. "
                    "“Our population has grown by 11% since 2024 and our roads are "
                    "carrying army convoys every day,” she said. “This is the year to fix "
                    "them, not the year to stop.”</p>"
                ),
            ),
            ("heading", "What happens next"),
            (
                "paragraph",
                (
                    "<p>The budget now goes to President Edda Fahl, who has 15 days to "
                    "sign it. She has never vetoed a budget, and her office said she would "
                    "sign it “in the coming days”. The new tax rates take effect on Jan. 1 "
                    "regardless of when she signs, under a provision in the finance "
                    "act.</p>"
                ),
            ),
            ("related", "krona-two-year-low-vcb"),
        ],
        "updates": [
            {
                "kind": "update",
                "minutes_after": 240,
                "text": (
                    "The Civic Alliance says it will ask the Constitutional Court to "
                    "review the top-rate tax increase, arguing that it was added to the "
                    "bill after the committee stage. The government says the procedure was "
                    "lawful."
                ),
            },
            {
                "kind": "correction",
                "minutes_after": 310,
                "text": (
                    "An earlier version of this article said there were 4 abstentions in "
                    "the final vote. There were 5; the budget passed by 104 votes to 71."
                ),
            },
        ],
    },
    {
        "slug": "sbv-surveillance-journalists-arnhalt",
        "title": "SBV monitored phones of three Arnhalt journalists, leaked court files suggest",
        "standfirst": (
            "Documents seen by The Kestrel Ledger indicate that the security bureau "
            "obtained warrants by describing reporters’ sources as suspected Drovan "
            "agents. The bureau says it acted within the law."
        ),
        "section": "politics",
        "authors": ["jonah-aberle"],
        "tags": ["SBV", "Press freedom", "Surveillance"],
        "days_ago": 3,
        "time": "08:00",
        "hero": {
            "caption": ("The headquarters of the State Security Bureau of Veldmark on Kastell Square in Arnhalt."),
            "credit": "Oskar Lindqvist/The Kestrel Ledger",
            "alt": "A grey stone building with barred ground-floor windows on a wet square.",
            "motif": "city",
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>The SBV (State Security Bureau of Veldmark) monitored the phone "
                    "communications of at least three journalists in Arnhalt for periods "
                    "of between 4 and 9 months in 2025 and 2026, according to court "
                    "documents seen by The Kestrel Ledger. The warrants, issued by the "
                    "Arnhalt District Court, described people the journalists were in "
                    "contact with as suspected agents of the Drovan Federation.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The documents, 63 pages of warrant applications and extensions, "
                    "were provided by a person with access to the court’s records, who "
                    "asked not to be identified because they were not authorised to share "
                    "them. The Kestrel Ledger verified them by comparing case numbers, "
                    "judges’ names and dates with the court’s public docket, and by "
                    "confirming details with two of the journalists named.</p>"
                ),
            ),
            ("heading", "Who was monitored"),
            (
                "paragraph",
                (
                    "<p>The journalists include Selma Grau, an investigative reporter at "
                    "the Arnhalt Evening Post, and Karl Benedik, a producer at the public "
                    "broadcaster Radio Veld. The third, a freelance reporter, asked not to "
                    "be named. All three had reported on defence procurement, including "
                    "the purchase of 1.4 million winter uniforms in 2025 that a state "
                    "audit later found had been overpriced by about 31%.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "I was told, in effect, that my sources were spies because they "
                        "talked to me. That is the argument you make when what you really "
                        "want to know is who is talking."
                    ),
                    "attribution": "Selma Grau, Arnhalt Evening Post",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Ms Grau said she had not been told she was under surveillance and "
                    "learned of it only when The Kestrel Ledger contacted her. Mr Benedik "
                    "said Radio Veld’s lawyers were reviewing the documents. The freelance "
                    "reporter said the period of monitoring matched the months in which "
                    "two of their sources stopped answering messages.</p>"
                ),
            ),
            (
                "fact_box",
                {
                    "title": "What the documents show",
                    "items": [
                        "3 journalists monitored, for 4 to 9 months each",
                        "11 warrant applications and extensions, all approved",
                        "Every application cited Article 212 of the Criminal Code, on espionage",
                        "No charges against any journalist or source",
                        "Warrants signed by 2 judges of the Arnhalt District Court",
                    ],
                },
            ),
            ("heading", "The legal question"),
            (
                "paragraph",
                (
                    "<p>Veldmark’s constitution protects the confidentiality of "
                    "journalists’ sources, but the martial law in force since Nov. 21, "
                    "2024, allows the SBV to obtain surveillance warrants under Article "
                    "212 of the Criminal Code, which covers espionage, on a lower standard "
                    "of evidence. None of the 11 applications seen by The Kestrel Ledger "
                    "mentioned that the people being monitored were journalists. No "
                    "charges have been brought against any of them or their sources.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Leif Amberg, a professor of constitutional law at the University "
                    "of Lenndal, said the omission mattered. “A judge asked to authorise "
                    "surveillance of a suspected spy is doing something quite different "
                    "from a judge asked to authorise surveillance of a reporter,” he said. "
                    "“If the court was not told, it could not weigh the question of press "
                    "freedom at all.”</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>In a written response to questions, the SBV said all its "
                    "operations “are conducted in accordance with the law and under "
                    "judicial supervision” and that it “does not target journalists for "
                    "their professional activity”. It declined to discuss specific cases. "
                    "The Arnhalt District Court said it could not comment on sealed "
                    "warrants.</p>"
                ),
            ),
            ("heading", "Reaction in the Veldsting"),
            (
                "paragraph",
                (
                    "<p>Britt Solheim, who chairs the Veldsting’s oversight committee for "
                    "the security services, said she would call the SBV’s director, Gunnar "
                    "Voss, to a closed hearing on Dec. 3. “We gave the bureau "
                    "extraordinary powers for an extraordinary time,” she said. “We did "
                    "not give them for this.”</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The Veldmark Union of Journalists, which has 2,300 members, <a "
                    'href="https://vuj.example/statements/surveillance-review">called '
                    "for an independent review</a> of every surveillance warrant issued "
                    "against media workers since martial law began. The Kestrel Ledger’s "
                    "editor-in-chief, Mireille Dask, sits on the union’s press freedom "
                    "committee and was not involved in the reporting or editing of this "
                    "article.</p>"
                ),
            ),
            ("related", "election-date-displaced-voters"),
        ],
        "updates": [
            {
                "kind": "update",
                "minutes_after": 420,
                "text": (
                    "The SBV’s director, Gunnar Voss, has confirmed that he will attend "
                    "the closed hearing of the Veldsting’s oversight committee on Dec. 3."
                ),
            },
        ],
    },
    {
        "slug": "election-date-displaced-voters",
        "title": ("Local elections set for March 3, with special polling stations for displaced voters"),
        "standfirst": (
            "The electoral commission says people who fled Ostmark oblast will be able to "
            "vote for their home councils from wherever they now live. Holding a vote in "
            "front-line districts is another matter."
        ),
        "section": "politics",
        "authors": ["tomas-eklind"],
        "tags": ["Elections", "Ostmark", "Displaced people"],
        "days_ago": 6,
        "time": "16:30",
        "hero": {
            "caption": (
                "Staff at the Central Electoral Commission in Arnhalt test ballot boxes ahead of the March vote."
            ),
            "credit": "Photo: Central Electoral Commission",
            "alt": "Two people inspect transparent ballot boxes on a long table.",
            "motif": "parliament",
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Veldmark will hold local elections on March 3, the first "
                    "nationwide vote since the invasion, the Central Electoral Commission "
                    "announced in Arnhalt. About 286,000 displaced voters from Ostmark "
                    "oblast will be able to vote for their home municipalities at 312 "
                    "special polling stations elsewhere in the country.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The elections, originally due in the spring of 2025, were "
                    "postponed under martial law. In October, the Veldsting voted to hold "
                    "them everywhere except in 14 municipalities within 20 kilometres of "
                    "the front line, where councils will remain under joint military and "
                    "civilian administration.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "We are not going to pretend that a vote in a town that is shelled "
                        "every day is a normal vote. But nor are we going to tell the "
                        "people of that town that they have no say in who runs it."
                    ),
                    "attribution": "Halla Norrgren, chair, Central Electoral Commission",
                },
            ),
            ("heading", "How voting will work"),
            (
                "paragraph",
                (
                    "<p>Displaced voters must register by Jan. 31, online or at any "
                    "municipal office, to be placed on the roll of a special polling "
                    "station. They will receive the ballot for the council of the "
                    "municipality where they lived on Nov. 21, 2024. The commission has "
                    "set aside 48 million krona, about €4.2 million, for the special "
                    "stations, including the transport of sealed ballot boxes to regional "
                    "counting centres.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Soldiers on active duty will be able to vote in their units over a "
                    "5-day period ending on polling day, under a procedure last used in "
                    "the 1990s, when Veldmark still had a conscript army. The defence "
                    "ministry said about 70% of units would be able to host a mobile "
                    "ballot box; the rest will vote by sealed post.</p>"
                ),
            ),
            (
                "fact_box",
                {
                    "title": "Key dates",
                    "items": [
                        "Jan. 31: registration deadline for displaced voters",
                        "Feb. 26 to March 3: voting in military units",
                        "March 3: polling day, 7 a.m. to 9 p.m.",
                        "March 10: final results due",
                    ],
                },
            ),
            ("heading", "Unanswered questions"),
            (
                "paragraph",
                (
                    "<p>Election observers have raised concerns about the 14 excluded "
                    "municipalities, which together had 131,000 registered voters before "
                    "the war. The Veldmark Election Monitoring Network, an independent "
                    "group, said the law set no date by which elections there must be "
                    "held. “Temporary arrangements have a habit of becoming permanent,” "
                    "said its director, Olav Brekke. “We want a date, even a conditional "
                    "one.”</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Turnout is another worry. In a survey of 1,200 displaced people "
                    "carried out in October by the Lenndal Institute for Social Research, "
                    "41% said they planned to vote, compared with 63% of the general "
                    "population. The most common reason given for not voting was "
                    "uncertainty about whether they would ever return home.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Parties have only begun to campaign. The governing Social "
                    "Democrats say they will field candidates in every municipality, "
                    "including those in Ostmark, where their lists will be made up largely "
                    "of displaced residents. The opposition Civic Alliance says it will "
                    "concentrate on the three largest cities: Arnhalt, Sorvik and "
                    "Lenndal.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>For some displaced voters, the question is simpler. Agnes Vollan, "
                    "52, a nurse from Dunavik now living in Brask, said she would register "
                    "this month. “I do not know when I will go home,” she said. “But when "
                    "I do, I want the people who run the town to be people I chose.”</p>"
                ),
            ),
            ("related", "dunavik-evacuation-buses"),
        ],
        "updates": [],
    },
    {
        "slug": "ncu-observer-status-grain",
        "title": "NCU grants Veldmark observer status, opening a path to tariff-free grain exports",
        "standfirst": (
            "The decision by the Northern Customs Union falls short of membership, but it "
            "could save Veldmark’s farmers up to €40 million a year. Full accession "
            "remains years away."
        ),
        "section": "business",
        "authors": ["rana-okafor-lind"],
        "tags": ["Trade", "NCU", "Agriculture"],
        "days_ago": 2,
        "time": "12:15",
        "hero": {
            "caption": ("A combine harvester at work in a wheat field near Lenndal during the summer harvest."),
            "credit": "Photo: Veldmark Farmers’ Union",
            "alt": "A red combine harvester crosses a golden wheat field.",
            "motif": "field",
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>The NCU (Northern Customs Union) has granted Veldmark observer "
                    "status, the bloc’s trade ministers announced after a meeting in its "
                    "secretariat, a step that allows Veldmark to negotiate tariff-free "
                    "quotas for grain and other farm exports while a formal accession "
                    "process is prepared.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The decision, taken unanimously by the union’s 7 members, is the "
                    "first formal change in Veldmark’s relationship with the bloc since it "
                    "applied to join in 2022. Trade Minister Jens Albrekt called it “the "
                    "most important day for Veldmark’s farmers since the war began”. The "
                    'union’s <a href="https://ncu.example/decisions/observer-veldmark">'
                    "published decision</a> runs to 4 pages and sets no timetable for "
                    "membership.</p>"
                ),
            ),
            ("heading", "What changes for exporters"),
            (
                "paragraph",
                (
                    "<p>Observer status does not by itself remove any tariffs. It allows "
                    "Veldmark to open talks on so-called transitional quotas, under which "
                    "a fixed volume of goods can enter the union free of duty. The trade "
                    "ministry said it would seek a quota of 1.8 million tonnes of wheat "
                    "and barley a year, about 40% of the country’s exports of those crops "
                    "in 2026.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Grain exports fell by about a third in the first year of the war, "
                    "to 4.5 million tonnes, and recovered only slightly, to 4.6 million "
                    "tonnes, this year, according to the agriculture ministry. Since the "
                    "northern terminal at the port of Sorvik was damaged in 2025, most of "
                    "that grain has travelled by rail and road through the NCU’s member "
                    "states, paying an average tariff of 8.5% on the way in.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The Veldmark Farmers’ Union estimates that a full quota would save "
                    "its members up to €40 million a year, or about 456 million krona at "
                    "current exchange rates.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "For a farmer with 300 hectares in the east of the country, the "
                        "tariff is the difference between breaking even and selling the "
                        "tractor."
                    ),
                    "attribution": "Ingrid Halvorsrud, president, Veldmark Farmers’ Union",
                },
            ),
            (
                "fact_box",
                {
                    "title": "Veldmark and the NCU",
                    "items": [
                        "Applied to join: 2022",
                        "Observer status approved unanimously by all 7 members",
                        "Average tariff on Veldmark grain: 8.5%",
                        "Proposed quota: 1.8 million tonnes a year",
                        "Estimated saving for farmers: up to €40 million a year",
                    ],
                },
            ),
            ("heading", "The road to membership"),
            (
                "paragraph",
                (
                    "<p>Full membership would require Veldmark to adopt the union’s common "
                    "external tariff and to bring its food safety and customs rules into "
                    "line with the bloc’s, a process that officials in Arnhalt privately "
                    "expect to take at least 5 years. Two members, which the union’s "
                    "statement did not name, are understood to have asked for safeguards "
                    "that would let them suspend quotas if grain prices in their domestic "
                    "markets fell by more than 15%.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Karin Tessaro, a trade economist at the Sorvik School of "
                    "Economics, said such safeguards could limit the value of any deal. "
                    "“If the quota can be switched off whenever it starts to work, "
                    "exporters will not build long-term plans around it,” she said.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>She added that observer status would still help at the border. "
                    "Veldmark’s customs officers will be able to join the union’s training "
                    "programmes and share cargo data with their counterparts, which she "
                    "said could cut waiting times at the main western crossings from an "
                    "average of 31 hours to under 12.</p>"
                ),
            ),
            (
                "image",
                {
                    "caption": (
                        "Lorries carrying grain wait at the Torrin crossing on the western "
                        "border, where queues have averaged 31 hours this year."
                    ),
                    "credit": "Rana Okafor-Lind/The Kestrel Ledger",
                    "alt": "A long line of lorries on a two-lane road under a grey sky.",
                    "motif": "field",
                },
            ),
            ("heading", "Next steps"),
            (
                "paragraph",
                (
                    "<p>Quota negotiations are scheduled to begin in Lenndal on Jan. 19. "
                    "The trade ministry said it hoped to have a first quota in place "
                    "before the 2027 harvest, which begins in July. Mr Albrekt said he "
                    "would travel to all 7 member capitals before the talks open. "
                    "“Observer is a word for someone who watches,” he said. “We intend to "
                    "be the most active observer the union has ever had.”</p>"
                ),
            ),
            ("related", "sorvik-port-northern-terminal"),
        ],
        "updates": [],
    },
    {
        "slug": "krona-two-year-low-vcb",
        "title": "Krona slides to two-year low as central bank holds rates at 6.25%",
        "standfirst": (
            "The VCB (Veldmark Central Bank) kept its key rate unchanged for a 4th "
            "consecutive meeting, warning that energy repairs and a wider budget deficit "
            "could push inflation back towards 8%."
        ),
        "section": "business",
        "authors": ["rana-okafor-lind"],
        "tags": ["Krona", "Central bank", "Inflation"],
        "days_ago": 1,
        "time": "16:05",
        "hero": {
            "caption": ("A currency exchange board in central Arnhalt shows the krona’s rate against the euro."),
            "credit": "Oskar Lindqvist/The Kestrel Ledger",
            "alt": "An illuminated exchange-rate board in a shop window at dusk.",
            "motif": "market",
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Veldmark’s currency fell to its lowest level in two years after "
                    "the VCB (Veldmark Central Bank) left its main interest rate unchanged "
                    "at 6.25% and said it saw “significant upside risks” to inflation over "
                    "the winter. The krona weakened by 1.4% to 12.1 per euro by 3:45 p.m. "
                    "in Arnhalt, its weakest since the first weeks after the invasion in "
                    "November 2024.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The decision was expected by most economists. It was the 4th "
                    "consecutive meeting at which the bank has held rates, after two cuts "
                    "in the spring from a wartime peak of 7%. But its statement was "
                    "noticeably more cautious than in October, citing the budget passed by "
                    "the Veldsting hours earlier and the cost of repairing damaged energy "
                    "infrastructure.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": ("We are not in a hurry. A central bank that cuts too early in a war pays for it twice."),
                    "attribution": "Tilde Arnesen, governor, Veldmark Central Bank",
                },
            ),
            ("heading", "Why the krona is under pressure"),
            (
                "paragraph",
                (
                    "<p>Inflation stood at 6.8% in October, down from a peak of 14.2% in "
                    "the spring of 2025. The bank now expects it to climb back to between "
                    "7.5% and 8% in the first quarter of next year, driven by electricity "
                    "and heating prices. After repeated strikes on the power grid this "
                    "autumn, the energy regulator has said household electricity tariffs "
                    "may need to rise by as much as 12% from Feb. 1 to pay for repairs.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Currency traders said the market was also watching the "
                    "government’s foreign financing. Nils Overgaard, head of markets at "
                    "Nordhavn Bank, said any delay to the €2.5 billion loan facility could "
                    "force the finance ministry to sell more bonds at home. “The market is "
                    "asking a simple question: if the foreign money is late, who buys the "
                    "bonds?” he said. “If the answer is the central bank, the krona goes "
                    "to 13.”</p>"
                ),
            ),
            (
                "fact_box",
                {
                    "title": "The VCB decision",
                    "items": [
                        "Key rate: 6.25%, unchanged",
                        "4th consecutive hold",
                        "Inflation in October: 6.8%",
                        "Forecast for early 2027: 7.5% to 8%",
                        "Krona at 3:45 p.m.: 12.1 per euro",
                    ],
                },
            ),
            ("heading", "Who feels it"),
            (
                "paragraph",
                (
                    "<p>A weaker krona makes imports more expensive, from fuel and "
                    "medicines to the components used by Veldmark’s growing drone "
                    "industry. Importers have begun to pass some of the cost on. The "
                    "Arnhalt Retailers’ Association said prices of imported fresh fruit "
                    "and vegetables had risen by about 9% since the summer, and a litre of "
                    "diesel now costs 21.40 krona, up from 19.80 krona in July.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>For households with mortgages, the decision changes little in the "
                    "short term; about 80% of mortgages in Veldmark carry rates fixed for "
                    "3 to 5 years. But Marit Solbakk, a financial adviser in Lenndal who "
                    "works with displaced families, said her clients were more exposed to "
                    "prices than to rates. “A family living on the displacement allowance "
                    "feels a 10% rise in the price of bread long before it feels anything "
                    "the central bank does,” she said.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Exporters, by contrast, stand to gain. Ms Arnesen said a weaker "
                    "currency would “support our farmers and manufacturers at a time when "
                    "they need it”, but added that the bank was prepared to intervene if "
                    "the krona’s fall became “disorderly”. The bank holds about €18 "
                    "billion in foreign reserves, enough to cover roughly 5 months of "
                    "imports.</p>"
                ),
            ),
            ("heading", "What to watch"),
            (
                "paragraph",
                (
                    "<p>Economists will look first at November’s inflation figure, due "
                    "from the statistics office on Dec. 10, and at whether the finance "
                    "ministry confirms a date for the first foreign loan tranche. The "
                    "bank’s next rate decision is on Jan. 28. Most analysts surveyed by "
                    "The Kestrel Ledger expect another hold, though two of the seven said "
                    "a rise to 6.5% could not be ruled out if the krona passed 12.5 per "
                    "euro.</p>"
                ),
            ),
            ("related", "veldsting-passes-2027-budget"),
        ],
        "updates": [],
    },
    {
        "slug": "sorvik-port-northern-terminal",
        "title": "Sorvik port reopens its northern terminal, 14 months after a missile strike",
        "standfirst": (
            "The rebuilt container terminal can now handle about 60% of the port’s pre-war "
            "volume. The cranes were the easy part; persuading shipowners and their "
            "insurers to come back is harder."
        ),
        "section": "business",
        "authors": ["rana-okafor-lind"],
        "tags": ["Sorvik", "Shipping", "Reconstruction"],
        "days_ago": 5,
        "time": "11:00",
        "hero": {
            "caption": ("Gantry cranes at the rebuilt northern container terminal in the port of Sorvik."),
            "credit": "Oskar Lindqvist/The Kestrel Ledger",
            "alt": "Blue gantry cranes above stacked shipping containers at a quay.",
            "motif": "harbour",
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>The port of Sorvik reopened its northern container terminal after "
                    "a 14-month reconstruction, the port authority said, restoring "
                    "Veldmark’s largest maritime gateway to about 60% of the volume it "
                    "handled before the war.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The terminal was badly damaged in a missile strike on Sept. 14, "
                    "2025, that destroyed 3 of its 5 gantry cranes and set fire to a "
                    "warehouse holding imported medical supplies. Since then, most of the "
                    "country’s container traffic has moved by rail through neighbouring "
                    "NCU states, adding an average of 6 days and about $900 per container "
                    "to the cost of imports, according to the Veldmark Shippers’ "
                    "Council.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The first ship to dock at the rebuilt terminal, the "
                    "9,200-container Maren Tide, arrived at 10:30 a.m. and was unloaded by "
                    "two replacement cranes bought second-hand from a port operator abroad "
                    "for €14 million each.</p>"
                ),
            ),
            ("heading", "The insurance problem"),
            (
                "paragraph",
                (
                    "<p>The physical repairs were the easier part, said Harald Vinje, "
                    "chief executive of the Sorvik Port Authority. The harder question is "
                    "whether shipowners will send vessels to a port within range of Drovan "
                    "missiles. War-risk insurance for ships calling at Sorvik costs about "
                    "1.1% of a vessel’s value per voyage, compared with 0.05% before the "
                    "invasion.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "A container ship worth $80 million pays close to $900,000 in "
                        "extra insurance to come here. That is not a cost you can hide in "
                        "the price of a pair of shoes."
                    ),
                    "attribution": "Harald Vinje, chief executive, Sorvik Port Authority",
                },
            ),
            (
                "paragraph",
                (
                    "<p>To close the gap, the government introduced a state-backed scheme "
                    "in the spring under which the Veldmark Export Credit Agency covers "
                    "part of the war-risk premium for ships carrying essential goods. The "
                    "scheme has a budget of 1.6 billion krona for 2026 and has so far "
                    "covered 187 voyages, according to the agency.</p>"
                ),
            ),
            (
                "fact_box",
                {
                    "title": "The port of Sorvik",
                    "items": [
                        "Northern terminal hit on Sept. 14, 2025",
                        "Rebuilt in 14 months for about 2.3 billion krona",
                        "Capacity: about 60% of pre-war volume",
                        "War-risk premium: about 1.1% of ship value per voyage",
                        "187 voyages covered by the state insurance scheme in 2026",
                    ],
                },
            ),
            ("heading", "Jobs and the city"),
            (
                "paragraph",
                (
                    "<p>The port employed about 4,600 people before the war. About 2,900 "
                    "work there now, and the port authority said it expected to hire 700 "
                    "more over the next year if traffic recovers as planned. Sanna "
                    "Elvestad, who leads the dock workers’ union, said many former "
                    "employees had left the city or joined the army. “We will need to "
                    "train people from scratch, and train them quickly,” she said.</p>"
                ),
            ),
            (
                "image",
                {
                    "caption": (
                        "Dock workers secure containers aboard the Maren Tide, the first "
                        "ship to call at the rebuilt terminal."
                    ),
                    "credit": "Oskar Lindqvist/The Kestrel Ledger",
                    "alt": "Workers in orange vests on the deck of a container ship.",
                    "motif": "harbour",
                },
            ),
            (
                "paragraph",
                (
                    "<p>The reopening matters well beyond Sorvik. Economists at the Sorvik "
                    "School of Economics estimate that every 10% increase in container "
                    "traffic through the port adds about 0.3 percentage points to "
                    "Veldmark’s annual growth, mainly by lowering the cost of imported "
                    "components for manufacturers.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Local businesses are counting on it too. At a café opposite the "
                    "port gates that reopened the same morning, its owner, Torunn Blix, "
                    "said she had rehired two of the four staff she let go in 2025. “When "
                    "the cranes stopped, the street stopped,” she said. “This morning I "
                    "sold 140 coffees before 9 a.m. I had forgotten what that felt "
                    "like.”</p>"
                ),
            ),
            ("heading", "Built to be hit again"),
            (
                "paragraph",
                (
                    "<p>Air defence around the port has been reinforced, the VDF said, "
                    "without giving details. Mr Vinje said the terminal had been rebuilt "
                    "“with redundancy in mind”: a second power connection, fire barriers "
                    "between warehouses and a control room moved underground. “We built it "
                    "assuming it will be hit again,” he said. “We would be foolish to "
                    "assume anything else.”</p>"
                ),
            ),
            ("related", "ncu-observer-status-grain"),
        ],
        "updates": [],
    },
    {
        "slug": "ceasefire-map-opinion",
        "title": "A ceasefire line drawn in Kolvansk is not a peace Veldmark can live with",
        "standfirst": (
            "Talk of a freeze along the current front line is growing louder. Before "
            "anyone signs, Veldmark’s partners should ask what happened to the last one, "
            "argues Mireille Dask."
        ),
        "section": "opinion",
        "authors": ["mireille-dask"],
        "tags": ["Diplomacy", "Ceasefire", "Ostmark"],
        "days_ago": 3,
        "time": "07:00",
        "hero": {
            "caption": ("A road sign pitted by shrapnel on the approach to Dunavik in Ostmark oblast."),
            "credit": "Ilse Marten/The Kestrel Ledger",
            "alt": "A metal road sign with dozens of small holes beside an empty road.",
            "motif": "field",
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>A particular kind of sentence has begun to appear in the "
                    "statements of diplomats who would like the war in Veldmark to be "
                    "over. It usually contains the word “realistic”. It usually describes "
                    "a ceasefire along “the current line of contact”. And it is usually "
                    "written by someone who will not have to live on either side of that "
                    "line.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>I understand the appeal. The war has killed tens of thousands of "
                    "people and displaced more than 1.1 million. Veldmark will spend 7.5% "
                    "of its economic output on defence next year, a figure no democracy "
                    "can sustain for long without paying for it elsewhere. Every family in "
                    "this country knows someone who is at the front, or was. Nobody wants "
                    "peace more than the people being shelled.</p>"
                ),
            ),
            ("paragraph", "<p>But a freeze is not peace, and Veldmark has tried one before.</p>"),
            ("heading", "The last line on the map"),
            (
                "paragraph",
                (
                    "<p>In 2011, after a 6-week border crisis in the Kettel Lakes "
                    "district, Veldmark and the Drovan Federation agreed a “temporary "
                    "demarcation line” that became known as the Morrin Line. It was meant "
                    "to last 12 months while negotiators settled the border. It lasted 13 "
                    "years.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>In that time, monitors from the regional observer mission recorded "
                    "more than 4,000 violations. Drovan authorities issued passports to "
                    "residents on their side. Roads were built, and then depots. On Nov. "
                    "21, 2024, the first armoured columns of the invasion crossed the "
                    "Morrin Line at 4 points before dawn.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "We did not lose the Kettel Lakes in 2024. We lost them in 2011, "
                        "slowly, one extension at a time."
                    ),
                    "attribution": "Hedvig Sarnes, foreign minister of Veldmark from 2009 to 2013",
                },
            ),
            (
                "fact_box",
                {
                    "title": "The Morrin Line, 2011–2024",
                    "items": [
                        "Agreed after a 6-week border crisis",
                        "Meant to last 12 months; lasted 13 years",
                        "More than 4,000 recorded violations",
                        "Crossed at 4 points on Nov. 21, 2024",
                    ],
                },
            ),
            (
                "paragraph",
                (
                    "<p>The lesson is not that negotiations are pointless. It is that an "
                    "agreement without enforcement simply postpones the war to a moment of "
                    "the aggressor’s choosing.</p>"
                ),
            ),
            ("heading", "What a serious agreement would need"),
            (
                "paragraph",
                (
                    "<p>If a ceasefire is coming, and it may be, Veldmark’s partners "
                    "should insist on three things before anyone signs. The first is "
                    "monitoring with real numbers behind it: not 60 unarmed observers for "
                    "a 400-kilometre line, as in the Morrin years, but a mission large "
                    "enough to see violations as they happen and to report them publicly "
                    "within 24 hours.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The second is a timetable. Not a vague commitment to further "
                    "talks, but a calendar with consequences if it slips: sanctions that "
                    "return automatically, arms deliveries that resume without another "
                    "round of votes. The mechanism should be boring, legal and very hard "
                    "to argue with.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The third is that the people of occupied Ostmark must not become a "
                    "footnote. About 400,000 citizens of Veldmark live on the far side of "
                    "the current front line. Their right to leave, to keep their "
                    "citizenship and to receive their pensions should be written into any "
                    "agreement, not left to the goodwill of the authorities in "
                    "Kolvansk.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>None of this is maximalist. It is the minimum required to make "
                    "sure that the children now sleeping in Arnhalt’s metro stations "
                    "during air raids do not have to do the same thing in 15 years’ time. "
                    "Veldmark has been asked to be realistic. It is. It also remembers.</p>"
                ),
            ),
            ("related", "dunavik-evacuation-buses"),
            (
                "paragraph",
                (
                    "<p><i>Mireille Dask is the editor-in-chief of The Kestrel Ledger. "
                    "Opinion articles represent the views of their authors.</i></p>"
                ),
            ),
        ],
        "updates": [],
    },
    {
        "slug": "displaced-teachers-pay-opinion",
        "title": "Veldmark’s displaced teachers are holding schools together. Pay them like it",
        "standfirst": (
            "More than 3,000 teachers who fled Ostmark teach online and in borrowed rooms, "
            "on temporary contracts at 70% of standard pay. A former head teacher from "
            "Dunavik says the saving is a false one."
        ),
        "section": "opinion",
        "authors": ["halvard-ness"],
        "tags": ["Education", "Displaced people", "Pay"],
        "days_ago": 5,
        "time": "08:45",
        "hero": {
            "caption": (
                "A teacher from Dunavik leads a lesson in a room borrowed from a community library in Lenndal."
            ),
            "credit": "Oskar Lindqvist/The Kestrel Ledger",
            "alt": "A woman stands at a whiteboard in front of a small group of teenagers.",
            "motif": "studio",
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>For 22 years I was the head teacher of School No. 2 in Dunavik, a "
                    "brick building with 640 pupils, a leaking gym roof and, I will admit, "
                    "the best choir in Ostmark oblast. The building is still standing, "
                    "more or less. The pupils are scattered across 31 municipalities. So "
                    "are the teachers, and they are who I want to write about.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>When the invasion began, the education ministry did something "
                    "quick and sensible. It allowed schools from front-line areas to carry "
                    "on as “distance schools”, with their own staff and pupil rolls, "
                    "teaching online and in whatever rooms host towns could lend. School "
                    "No. 2 still exists on paper. It has 388 pupils this year, taught by "
                    "29 of our original 47 teachers, from Lenndal, Brask, Sorvik and, in "
                    "one case, a farmhouse with a very unreliable satellite dish.</p>"
                ),
            ),
            (
                "paragraph",
                "<p>What the ministry did not do was give those teachers proper contracts.</p>",
            ),
            ("heading", "Temporary for two years"),
            (
                "paragraph",
                (
                    "<p>Displaced teachers are employed on what the ministry calls "
                    "“emergency temporary agreements”, renewed every 6 months. They are "
                    "paid 70% of the standard salary scale, on the grounds that distance "
                    "teaching involves fewer contact hours. A teacher with 15 years’ "
                    "experience therefore earns about 23,100 krona a month instead of "
                    "33,000. She gets no allowance for the laptop and internet connection "
                    "she pays for herself, and no guarantee of a job when her school is "
                    "eventually closed or merged.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The argument about contact hours was doubtful in 2024. It is "
                    "absurd now. My former colleagues teach online in the morning, "
                    "supervise pupils in borrowed classrooms in the afternoon and answer "
                    "parents’ messages in the evening, many of them from families living "
                    "in a single room in a town where they know nobody. The teacher is "
                    "often the only official in a displaced child’s life who knows the "
                    "child’s name.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "I am a teacher, a social worker, a translator of government forms "
                        "and, twice this year, the person who told a pupil that her father "
                        "had been killed. My contract says I work 70% of a job."
                    ),
                    "attribution": "Annelie Sund, mathematics teacher, School No. 2, Dunavik",
                },
            ),
            (
                "paragraph",
                (
                    "<p>According to the teachers’ union, 3,260 teachers across the "
                    "country are on emergency temporary agreements. Moving all of them to "
                    "full pay would cost about 390 million krona a year. That is real "
                    "money for a ministry whose budget has just been frozen. It is also "
                    "less than 0.1% of what the state will spend next year.</p>"
                ),
            ),
            (
                "fact_box",
                {
                    "title": "Displaced teachers in numbers",
                    "items": [
                        "3,260 teachers on emergency temporary agreements",
                        "Paid at 70% of the standard scale",
                        "Contracts renewed every 6 months",
                        "Cost of full pay: about 390 million krona a year",
                    ],
                },
            ),
            ("heading", "What it would take"),
            (
                "paragraph",
                (
                    "<p>I am not asking for anything exotic. Put displaced teachers on the "
                    "standard scale from the start of the spring term. Give them permanent "
                    "contracts with their home municipalities, so that when the war ends "
                    "and towns like Dunavik need schools again, there are teachers who "
                    "know the children and want to go back. And pay a modest equipment "
                    "allowance, 500 krona a month would do, for the things they already "
                    "buy themselves.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The alternative is already happening. Of the 18 teachers School "
                    "No. 2 has lost since 2024, 11 have left the profession altogether, "
                    "most for better-paid work in the private sector or abroad. Each of "
                    "them was replaced, if at all, by someone who had never met the "
                    "children.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>A country at war has to make hard choices about where its money "
                    "goes. This is not one of the hard ones. The children of Ostmark will "
                    "be the adults who rebuild it. The people teaching them deserve to be "
                    "paid as if we believed that.</p>"
                ),
            ),
            ("related", "dunavik-evacuation-buses"),
            (
                "paragraph",
                (
                    "<p><i>Halvard Ness was head teacher of School No. 2 in Dunavik from "
                    "2002 to 2024. He lives in Lenndal. Opinion articles represent the "
                    "views of their authors.</i></p>"
                ),
            ),
        ],
        "updates": [],
    },
    {
        "slug": "arnhalt-philharmonic-metro-concert",
        "title": ("The Arnhalt Philharmonic plays in a metro station, and 3,000 people come to listen"),
        "standfirst": (
            "With its concert hall closed for repairs, the orchestra has taken its winter "
            "season underground. The first concert, a programme of Veldmark composers, "
            "filled two platforms and the escalators between them."
        ),
        "section": "culture",
        "authors": ["petra-solvang"],
        "tags": ["Music", "Arnhalt", "Performance"],
        "days_ago": 4,
        "time": "21:10",
        "hero": {
            "caption": (
                "The Arnhalt Philharmonic performs on the southbound platform of Kastell Square metro station."
            ),
            "credit": "Petra Solvang/The Kestrel Ledger",
            "alt": ("An orchestra dressed in black plays on a subway platform while a crowd watches from the stairs."),
            "motif": "night",
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>At 7:30 p.m., when the conductor Ines Marlow raised her baton on "
                    "the southbound platform of Kastell Square station, the trains had "
                    "stopped, the announcements had been switched off, and about 3,000 "
                    "people were standing, sitting or crouching on every flat surface "
                    "within earshot, including the steps of two stationary escalators.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The Arnhalt Philharmonic has been without a home since August, "
                    "when a drone strike on a nearby telecoms mast blew out the windows "
                    "and part of the roof of the Konserthall, where it has played since "
                    "1961. The city says repairs will cost about 86 million krona and take "
                    "at least 18 months. Rather than cancel its winter season, the "
                    "orchestra agreed with the metro operator to give 8 free concerts in 4 "
                    "stations, each beginning after the last evening train on the line.</p>"
                ),
            ),
            ("heading", "A programme of home"),
            (
                "paragraph",
                (
                    "<p>The first programme was made up entirely of Veldmark music: the "
                    "overture to Sofie Brandvold’s opera <i>The Ferryman’s Daughter</i>, "
                    "written in 1908; a suite of Ostmark folk dances arranged by the "
                    "orchestra’s principal viola, Teodor Lind; and, after an interval that "
                    "almost nobody took for fear of losing their place, Aksel Rydberg’s "
                    "Symphony No. 3, the “Harbour”, composed in Sorvik in 1947 while the "
                    "city was being rebuilt after an earlier war.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The acoustics of a metro platform are not, it should be said, "
                    "those of a concert hall. The low strings boomed off the tiled walls, "
                    "and the woodwinds were at times lost beneath the ventilation fans, "
                    "which cannot be switched off for safety reasons. But the brass, "
                    "placed at the far end of the platform near the tunnel mouth, produced "
                    "a sound in the final movement of the Rydberg that seemed to come from "
                    "the city itself.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "We spent two years asking ourselves whether music matters in a "
                        "war. Tonight 3,000 people answered, and none of them had to buy a "
                        "ticket to do it."
                    ),
                    "attribution": "Ines Marlow, chief conductor, Arnhalt Philharmonic",
                },
            ),
            (
                "image",
                {
                    "caption": (
                        "Listeners fill the stationary escalators at Kastell Square station during the concert."
                    ),
                    "credit": "Petra Solvang/The Kestrel Ledger",
                    "alt": (
                        "People sit closely packed on the steps of an escalator, looking down towards an orchestra."
                    ),
                    "motif": "night",
                },
            ),
            ("heading", "Why underground"),
            (
                "paragraph",
                (
                    "<p>The choice of venue is practical as well as symbolic. Arnhalt’s "
                    "metro stations have served as air raid shelters since the first weeks "
                    "of the war, and the city’s civil defence rules require public events "
                    "of more than 500 people to be held within 5 minutes of a shelter. A "
                    "station, in other words, is the one venue that never needs to be "
                    "evacuated.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The orchestra’s general manager, Bo Kessler, said the season was "
                    "funded by a mix of city money, 1.2 million krona raised from 9,400 "
                    "individual donors and a cut in the musicians’ own fees, which the "
                    "players’ council approved unanimously. “The musicians took a pay cut "
                    "to play in a station for free,” he said. “I would like that to be "
                    "remembered the next time people talk about artists.”</p>"
                ),
            ),
            (
                "fact_box",
                {
                    "title": "The underground season",
                    "items": [
                        "8 free concerts in 4 metro stations",
                        "Each starts at 7:30 p.m., after the last train",
                        "Next concert: Dec. 14 at Sorvik Gate station",
                        "Concert hall repairs: about 86 million krona and 18 months",
                    ],
                },
            ),
            (
                "paragraph",
                (
                    "<p>Among the audience was Frida Holm, 67, who first heard the Harbour "
                    "Symphony as a schoolgirl in the Konserthall in 1971. She had come "
                    "with her granddaughter, who is 9 and plays the cello. “I told her "
                    "this is the piece that made me cry the first time,” Ms Holm said. "
                    "“She said, Grandma, you cry at everything. That is true. But tonight "
                    "she cried too.”</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The next concert, on Dec. 14 at Sorvik Gate station, will include "
                    "the premiere of a short piece by the 29-year-old composer Hedda Aune, "
                    "commissioned for the season. Its title, she said, is <i>Last Train</i>"
                    ".</p>"
                ),
            ),
            ("related", "lenndal-film-festival-displaced-directors"),
        ],
        "updates": [],
    },
    {
        "slug": "lenndal-film-festival-displaced-directors",
        "title": ("Lenndal’s film festival returns with a programme made largely by displaced directors"),
        "standfirst": (
            "Of the 42 films in this year’s selection, 27 were made by people who had to "
            "leave their homes during the war. The best of them are not about the war at "
            "all, or not only."
        ),
        "section": "culture",
        "authors": ["petra-solvang"],
        "tags": ["Film", "Lenndal", "Festivals"],
        "days_ago": 8,
        "time": "13:00",
        "hero": {
            "caption": (
                "Audiences queue outside the Palladium cinema in Lenndal on the opening night of the festival."
            ),
            "credit": "Photo: Lenndal International Film Festival",
            "alt": "A crowd in winter coats waits beneath an illuminated cinema sign.",
            "motif": "city",
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>The Lenndal International Film Festival, cancelled in 2024 and "
                    "held in a reduced online form in 2025, has returned to the city’s "
                    "cinemas with 42 films, 11 of them world premieres, and a programme "
                    "its director describes as “the festival of a country that has moved "
                    "house”.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Of the 42 films, 27 were directed or co-directed by people "
                    "displaced from Ostmark oblast or from other areas hit during the war, "
                    "the festival said. That was not a quota, its artistic director, Maja "
                    "Esterhus, insisted. “We did not set out to programme displaced "
                    "filmmakers. We set out to programme the best Veldmark films of the "
                    "year, and this is who made them,” she said.</p>"
                ),
            ),
            ("heading", "Not only war stories"),
            (
                "paragraph",
                (
                    "<p>It would be easy to expect a selection of front-line "
                    "documentaries, and there are several, some of them harrowing. But the "
                    "strongest work in the programme approaches the war from the side.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The opening film, Lars Veum’s <i>Winter Quarters</i>, follows a "
                    "retired ferry captain from Dunavik who is housed in a student "
                    "dormitory in Lenndal and spends the film trying, with diminishing "
                    "success, to teach his 19-year-old neighbours a card game from his "
                    "childhood. It is very funny for 80 minutes and then, in a single "
                    "unbroken shot of about 4 minutes, devastating. Veum, who is 34 and "
                    "grew up in Dunavik, shot it in 23 days on a budget of 6.5 million "
                    "krona, about €570,000.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Everybody wanted me to make a film about the shelling. I wanted "
                        "to make a film about what you do with your hands when there is "
                        "nothing left to do."
                    ),
                    "attribution": "Lars Veum, director of Winter Quarters",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Sara Heljestrand’s documentary <i>The Inventory</i> is quieter "
                    "still. Over 3 years, the director filmed her mother cataloguing, on "
                    "paper, every object left behind in the family’s apartment in "
                    "Rellinge, a town now under Drovan occupation: 1,412 items, from a "
                    "piano to one particular spoon. The film never shows the apartment. It "
                    "does not need to.</p>"
                ),
            ),
            (
                "image",
                {
                    "caption": (
                        "Lars Veum, the director of Winter Quarters, at a rehearsal screening in the Palladium cinema."
                    ),
                    "credit": "Photo: Lenndal International Film Festival",
                    "alt": "A man in a dark jumper sits alone in a row of red cinema seats.",
                    "motif": "studio",
                },
            ),
            (
                "fact_box",
                {
                    "title": "The festival in numbers",
                    "items": [
                        "42 films, 11 of them world premieres",
                        "27 by displaced directors",
                        "Tickets: 90 krona, free for registered displaced people",
                        "9 days across 4 cinemas",
                    ],
                },
            ),
            ("heading", "A festival that travels"),
            (
                "paragraph",
                (
                    "<p>For the first time, the festival is also taking its programme out "
                    "of Lenndal. Selected films will tour 12 towns with large displaced "
                    "populations over the winter, shown in community halls with a portable "
                    "projector and a 5-metre screen that fits in a van. As in Lenndal, "
                    "entry is free for registered displaced people and 90 krona for "
                    "everyone else.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Ms Esterhus said the tour had cost about 1.9 million krona, most "
                    "of it from a foundation set up by a Sorvik shipping family, and had "
                    "been the easiest part of the festival to fund. “Nobody argues about "
                    "whether a film should be shown in a town where 4,000 people have just "
                    "arrived and there is nothing to do in the evenings,” she said.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The festival’s main prize, the Golden Heron, will be awarded on "
                    "the final night by a jury chaired by the actor Tove Marstrand. <i>"
                    "Winter Quarters</i> and <i>The Inventory</i> are widely seen as the "
                    "favourites. On the evidence of the opening days, either would be a "
                    "worthy winner, and neither is a film that only Veldmark could "
                    "understand.</p>"
                ),
            ),
            ("related", "arnhalt-philharmonic-metro-concert"),
        ],
        "updates": [],
    },
]

FEED_ITEMS = [
    {
        "title": "Air raid alert lifted in Sorvik after 40 minutes.",
        "summary": (
            "No new strikes were reported. The regional administration said the alert was "
            "triggered by a reconnaissance drone over the coast."
        ),
        "hours_ago": 0.5,
        "article": None,
    },
    {
        "title": "Sorvik schools to stay closed until the end of the week.",
        "summary": (
            "The city’s education department said lessons would move online for pupils whose homes have power."
        ),
        "hours_ago": 1.25,
        "article": None,
    },
    {
        "title": "Energy ministry releases 6 transformers from the national reserve for Sorvik.",
        "summary": ("The ministry said the units would arrive by rail within 48 hours. Sorvik Grid had asked for 9."),
        "hours_ago": 2.0,
        "article": None,
    },
    {
        "title": ("Strikes cut power to 340,000 homes in Sorvik as cabinet meets in emergency session."),
        "summary": ("At least four people were killed. Sorvik Grid says full repairs will take weeks."),
        "hours_ago": 3.5,
        "article": "sorvik-strikes-cut-power-emergency-session",
    },
    {
        "title": "VDF says it shot down 93 of 115 missiles and drones launched overnight.",
        "summary": ("The interception rate of about 81% was lower than in most large attacks this year."),
        "hours_ago": 4.75,
        "article": None,
    },
    {
        "title": "Veldsting debate on extending martial law moved to the afternoon.",
        "summary": ("The speaker said members needed time for a security briefing on the Sorvik strikes."),
        "hours_ago": 6.0,
        "article": None,
    },
    {
        "title": ("Rail operator adds two overnight trains between Lenndal and Arnhalt for the holidays."),
        "summary": ("Tickets go on sale on Dec. 1. Displaced people travel free with a registration card."),
        "hours_ago": 8.5,
        "article": None,
    },
    {
        "title": "Drovan forces shell Vostrel for the 3rd day in a row, regional governor says.",
        "summary": ("Two civilians were wounded. The town’s hospital has moved its maternity ward to a basement."),
        "hours_ago": 10.0,
        "article": None,
    },
    {
        "title": "Arnhalt city council approves 14 new heating points for the winter.",
        "summary": ("The points, in schools and libraries, will open whenever an outage lasts more than 6 hours."),
        "hours_ago": 12.25,
        "article": None,
    },
    {
        "title": "Evacuation buses leave Dunavik with fewer passengers each week.",
        "summary": (
            "About 3,100 people remain in the front-line town. Our correspondent travelled "
            "with the volunteers who drive them out."
        ),
        "hours_ago": 15.0,
        "article": "dunavik-evacuation-buses",
    },
    {
        "title": "Civic Alliance to ask Constitutional Court to review top-rate tax rise.",
        "summary": (
            "The opposition says the increase was added to the budget bill too late. The "
            "government says the procedure was lawful."
        ),
        "hours_ago": 17.5,
        "article": "veldsting-passes-2027-budget",
    },
    {
        "title": "Krona slides to a two-year low as the VCB holds rates at 6.25%.",
        "summary": (
            "The currency weakened 1.4% to 12.1 per euro after the central bank warned of rising inflation risks."
        ),
        "hours_ago": 19.5,
        "article": "krona-two-year-low-vcb",
    },
    {
        "title": "Veldsting passes 2027 budget with 7.5% of GDP for defence.",
        "summary": ("The vote was 104 to 71 after a 19-hour session. The top income tax rate rises to 52%."),
        "hours_ago": 22.0,
        "article": "veldsting-passes-2027-budget",
    },
    {
        "title": "Diesel prices rise 3% at the pump as the weaker krona feeds through.",
        "summary": ("A litre now costs 21.40 krona on average, according to the Arnhalt Retailers’ Association."),
        "hours_ago": 25.5,
        "article": None,
    },
    {
        "title": "Ostmark administration orders evacuation of two more villages near the Ostra.",
        "summary": "About 260 residents are affected. Buses will begin running tomorrow morning.",
        "hours_ago": 28.0,
        "article": None,
    },
    {
        "title": "Lenndal hospital opens a second burns unit.",
        "summary": ("The unit has 18 beds and was equipped with 31 million krona from partner governments."),
        "hours_ago": 31.75,
        "article": None,
    },
    {
        "title": ("Teachers’ union says 140 displaced teachers have left the profession this school year."),
        "summary": ("The union wants emergency contracts replaced with permanent ones before the spring term."),
        "hours_ago": 36.0,
        "article": None,
    },
    {
        "title": ("Brask Makers Network to decide on registering as a defence supplier by the end of the year."),
        "summary": ("The volunteer group builds about 2,000 drones a month. New ministry rules take effect on Feb. 1."),
        "hours_ago": 40.5,
        "article": None,
    },
    {
        "title": "VDF to train 14,500 reservists to let front-line troops rotate out.",
        "summary": (
            "Soldiers with more than 18 months at the front would get 30 days’ leave. Critics question the numbers."
        ),
        "hours_ago": 44.0,
        "article": "vdf-reservist-rotation-plan",
    },
    {
        "title": "NCU grants Veldmark observer status.",
        "summary": (
            "The decision opens talks on tariff-free quotas for grain. Quota negotiations begin in Lenndal on Jan. 19."
        ),
        "hours_ago": 46.5,
        "article": "ncu-observer-status-grain",
    },
    {
        "title": "Grain futures in Lenndal rise 2.1% after the NCU announcement.",
        "summary": ("Traders said the move reflected hopes of lower export costs from the 2027 harvest."),
        "hours_ago": 50.0,
        "article": None,
    },
    {
        "title": "Prisoner exchange returns 38 Veldmark soldiers, VDF says.",
        "summary": (
            "The soldiers, held for between 4 and 19 months, were handed over at a crossing point in the north."
        ),
        "hours_ago": 55.25,
        "article": None,
    },
    {
        "title": "Arnhalt metro keeps shelter stations open all night during alerts.",
        "summary": (
            "The operator said 9 stations would stay open until the all-clear, with staff and first aid on hand."
        ),
        "hours_ago": 60.0,
        "article": None,
    },
    {
        "title": "Civic Alliance names its candidates for mayor in Arnhalt, Sorvik and Lenndal.",
        "summary": ("All three are serving councillors. Voting in the local elections takes place on March 3."),
        "hours_ago": 64.5,
        "article": None,
    },
    {
        "title": "Oversight committee calls SBV director to a closed hearing on Dec. 3.",
        "summary": ("The committee chair said the bureau must explain warrants used to monitor journalists’ phones."),
        "hours_ago": 66.0,
        "article": None,
    },
    {
        "title": "SBV monitored phones of three Arnhalt journalists, court files suggest.",
        "summary": (
            "Warrants described the reporters’ sources as suspected Drovan agents. The bureau says it acted lawfully."
        ),
        "hours_ago": 70.0,
        "article": "sbv-surveillance-journalists-arnhalt",
    },
    {
        "title": "Drone strike damages railway bridge near Brask; freight diverted.",
        "summary": ("Passenger services were not affected. Repairs are expected to take about 10 days."),
        "hours_ago": 78.0,
        "article": None,
    },
    {
        "title": "Electoral commission says 41,000 displaced voters have registered so far.",
        "summary": "About 286,000 are eligible. The registration deadline is Jan. 31.",
        "hours_ago": 83.25,
        "article": None,
    },
    {
        "title": "The Arnhalt Philharmonic plays to 3,000 people in a metro station.",
        "summary": ("The orchestra has moved its winter season underground while its concert hall is repaired."),
        "hours_ago": 88.0,
        "article": "arnhalt-philharmonic-metro-concert",
    },
    {
        "title": "VDF says it repelled 14 assaults near Dunavik in 24 hours.",
        "summary": ("The military said fighting was heaviest south of the town, along the Ostra river road."),
        "hours_ago": 92.5,
        "article": None,
    },
    {
        "title": "Second container ship docks at the rebuilt Sorvik terminal.",
        "summary": ("The port authority said it expected 6 more arrivals before the end of the month."),
        "hours_ago": 97.0,
        "article": None,
    },
    {
        "title": "Veldmark’s economy grew 1.9% in the third quarter, statistics office says.",
        "summary": ("Growth was driven by construction and defence manufacturing. Household spending fell 0.4%."),
        "hours_ago": 101.5,
        "article": None,
    },
    {
        "title": "Free public transport for displaced people extended until June 30.",
        "summary": ("The scheme costs about 210 million krona a year and covers buses, trams and regional trains."),
        "hours_ago": 106.0,
        "article": None,
    },
    {
        "title": "Lenndal film festival adds three extra screenings of Winter Quarters.",
        "summary": "All screenings of the opening film had sold out within a day.",
        "hours_ago": 110.75,
        "article": None,
    },
    {
        "title": "Former procurement official sentenced to 6 years over winter uniform contract.",
        "summary": ("An Arnhalt court found he had accepted 2.1 million krona in bribes linked to the 2025 purchase."),
        "hours_ago": 115.0,
        "article": None,
    },
    {
        "title": "Sorvik port reopens its northern terminal after 14 months.",
        "summary": (
            "The rebuilt terminal can handle about 60% of pre-war volume. Insurance costs remain the main obstacle."
        ),
        "hours_ago": 121.0,
        "article": "sorvik-port-northern-terminal",
    },
    {
        "title": "Relief council begins winter distribution of 80,000 heating kits.",
        "summary": (
            "Each kit contains a sleeping bag, thermal blankets and a battery lamp. "
            "Ostmark’s front-line districts come first."
        ),
        "hours_ago": 126.5,
        "article": None,
    },
    {
        "title": "Cabinet approves 12 million krona for repairs to rural clinics in Ostmark.",
        "summary": "The money will restore heating and backup power at 17 clinics before January.",
        "hours_ago": 131.0,
        "article": None,
    },
    {
        "title": "Storm warning issued for the northern coast; island ferries cancelled.",
        "summary": ("Winds of up to 110 km/h are forecast overnight. Ferries are expected to resume by midday."),
        "hours_ago": 135.5,
        "article": None,
    },
    {
        "title": "University of Brask offers free places to 500 students from Ostmark.",
        "summary": ("The places cover tuition and a room in student housing for the full length of a degree."),
        "hours_ago": 139.0,
        "article": None,
    },
]

EDITORS_PICKS = [
    "dunavik-evacuation-buses",
    "sbv-surveillance-journalists-arnhalt",
    "ceasefire-map-opinion",
    "arnhalt-philharmonic-metro-concert",
    "sorvik-port-northern-terminal",
]
