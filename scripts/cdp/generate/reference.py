"""Reference data of the synthetic world: names, nicknames, places, products, campaigns."""

from __future__ import annotations

from dataclasses import dataclass

# fmt: off

# ---------------------------------------------------------------- countries
# (code, share of people, currency, phone country code, names key, country spellings typed in CRMs)
COUNTRIES: list[tuple[str, float, str, str, str, tuple[str, ...]]] = [
    (
        "US", 0.82, "USD", "1", "us",
        ("United States", "USA", "U.S.", "us", "United States of America"),
    ),
    ("GB", 0.05, "GBP", "44", "gb", ("United Kingdom", "UK", "Great Britain", "England")),
    ("CA", 0.04, "CAD", "1", "us", ("Canada", "CAN", "ca")),
    ("DE", 0.035, "EUR", "49", "de", ("Germany", "Deutschland", "DEU")),
    ("FR", 0.03, "EUR", "33", "fr", ("France", "FRA", "fr")),
    ("ES", 0.025, "EUR", "34", "es", ("Spain", "España", "ESP")),
]
COUNTRY_CODES = [c[0] for c in COUNTRIES]

# ---------------------------------------------------------------- names
FIRST_NAMES: dict[str, tuple[list[str], list[str]]] = {
    # (female, male)
    "us": (
        [
            "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica",
            "Sarah", "Karen", "Lisa", "Nancy", "Betty", "Margaret", "Sandra", "Ashley",
            "Kimberly", "Emily", "Donna", "Michelle", "Carol", "Amanda", "Dorothy", "Melissa",
            "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia", "Katherine", "Amy",
            "Angela", "Shirley", "Anna", "Brenda", "Pamela", "Emma", "Nicole", "Helen",
            "Samantha", "Christina", "Victoria", "Abigail", "Olivia", "Sophia", "Isabella",
            "Madison", "Chloe", "Zoë", "Maria", "Lucía", "Priya", "Mei", "Aaliyah", "Alexandra",
            "Jacqueline", "Theresa", "Megan", "Rachel", "Hannah", "Grace", "Natalie", "Renée",
        ],
        [
            "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph",
            "Thomas", "Charles", "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Donald",
            "Steven", "Paul", "Andrew", "Joshua", "Kenneth", "Kevin", "Brian", "George",
            "Timothy", "Ronald", "Edward", "Jason", "Jeffrey", "Ryan", "Jacob", "Gary",
            "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Benjamin",
            "Samuel", "Gregory", "Alexander", "Patrick", "Frank", "Raymond", "Jack", "Dennis",
            "Jerry", "Tyler", "Aaron", "José", "Adam", "Nathan", "Zachary", "Theodore", "Carlos",
            "Luis", "Wei", "Raj", "Mohammed", "Łukasz", "Sean", "Liam",
        ],
    ),
    "gb": (
        [
            "Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Lily", "Charlotte",
            "Jessica", "Elizabeth", "Katherine", "Margaret", "Victoria", "Hannah", "Chloe",
            "Eleanor", "Harriet", "Siobhan", "Niamh", "Abigail", "Rebecca", "Lucy", "Poppy",
        ],
        [
            "Oliver", "George", "Harry", "Jack", "Charlie", "Thomas", "William", "James",
            "Edward", "Richard", "Robert", "Alfie", "Archie", "Callum", "Rhys", "Owen", "Daniel",
            "Matthew", "Benjamin", "Alexander", "Samuel", "Joseph", "Christopher", "Liam",
        ],
    ),
    "de": (
        [
            "Anna", "Lena", "Leonie", "Sophie", "Marie", "Katharina", "Julia", "Laura", "Sarah",
            "Jülide", "Lea", "Hannah", "Johanna", "Mia", "Emma", "Charlotte", "Elisabeth",
            "Ursula", "Gisela", "Brigitte", "Renate", "Sabine", "Petra", "Monika",
        ],
        [
            "Lukas", "Leon", "Jonas", "Felix", "Maximilian", "Paul", "Finn", "Elias", "Jürgen",
            "Klaus", "Wolfgang", "Stefan", "Thomas", "Andreas", "Michael", "Johannes",
            "Friedrich", "Günter", "Matthias", "Alexander", "Sebastian", "Tobias", "Florian",
            "Uwe",
        ],
    ),
    "fr": (
        [
            "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Julie", "Marie",
            "Céline", "Élodie", "Nathalie", "Isabelle", "Sophie", "Aurélie", "Hélène", "Margaux",
            "Anaïs", "Juliette", "Louise", "Zoé", "Amélie", "Claire", "Lucie",
        ],
        [
            "Lucas", "Hugo", "Louis", "Nathan", "Gabriel", "Jules", "Théo", "Arthur", "Raphaël",
            "Thomas", "Nicolas", "Julien", "Antoine", "François", "Jérôme", "Sébastien",
            "Mathieu", "Olivier", "Pierre", "Guillaume", "Benoît", "Étienne", "Maxime", "Rémi",
        ],
    ),
    "es": (
        [
            "Lucía", "María", "Paula", "Sofía", "Martina", "Carmen", "Laura", "Elena", "Ana",
            "Isabel", "Marta", "Cristina", "Pilar", "Rocío", "Nuria", "Inés", "Begoña", "Alba",
            "Sara", "Andrea", "Raquel", "Beatriz", "Silvia", "Teresa",
        ],
        [
            "Hugo", "Daniel", "Pablo", "Alejandro", "Álvaro", "Adrián", "David", "Javier", "José",
            "Francisco", "Manuel", "Antonio", "Jesús", "Sergio", "Carlos", "Miguel", "Iñaki",
            "Jorge", "Rubén", "Víctor", "Ignacio", "Andrés", "Raúl", "Fernando",
        ],
    ),
}

LAST_NAMES: dict[str, list[str]] = {
    "us": [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
        "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas",
        "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris",
        "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
        "Wright", "Scott", "Torres", "Nguyen", "Nguyễn", "Hill", "Flores", "Green", "Adams",
        "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez",
        "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
        "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz",
        "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim",
        "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett",
        "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel",
        "Myers", "Long", "Ross", "Foster", "Jiménez", "O'Brien", "O'Connor", "McDonald",
        "MacKenzie", "Kowalski", "Nowak", "Wiśniewski", "Schmidt", "Müller", "Chen", "Wang", "Li",
        "Zhang", "Singh", "Kumar", "Cohen", "Rossi", "Russo", "Dubois", "Van der Berg",
        "St. John", "De La Cruz", "Washington", "Butler", "Barnes", "Fisher", "Henderson",
        "Coleman", "Simmons", "Patterson", "Jordan", "Reynolds", "Hamilton", "Graham", "Wallace",
        "Woods", "Cole", "West", "Owens", "Marshall", "Harrison", "Gibson", "Ellis", "Stevens",
        "Tucker", "Porter", "Hunter", "Hicks", "Crawford", "Henry", "Boyd", "Mason", "Kennedy",
        "Warren", "Dixon", "Burns", "Gordon", "Shaw", "Holmes", "Rice", "Robertson", "Hunt",
        "Black", "Daniels", "Palmer", "Mills", "Nichols", "Grant", "Knight", "Ferguson", "Stone",
        "Hawkins", "Dunn", "Perkins", "Hudson", "Spencer", "Gardner", "Stephens", "Payne",
        "Pierce", "Berry", "Matthews", "Arnold", "Wagner", "Willis", "Ray", "Watkins", "Olson",
        "Carroll", "Duncan", "Snyder", "Hart", "Cunningham", "Bradley", "Lane", "Andrews",
        "Ruiz-Ortega", "Harper", "Fox", "Riley", "Armstrong", "Carpenter", "Weaver", "Greene",
        "Lawrence", "Elliott", "Chambers", "Sims", "Austin", "Peters",
    ],
    "gb": [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
        "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
        "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis", "James", "Phillips", "Mason",
        "Mitchell", "Rose", "Davis", "Rodgers", "O'Neill", "McLaughlin", "Fitzgerald", "Ffoulkes",
        "Ashworth", "Pemberton", "Hughes", "Edwards", "Cartwright", "Whitaker", "Holloway",
        "Bennett", "Armitage", "Llewellyn", "Kaur", "Begum", "Murray", "Doherty",
    ],
    "de": [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
        "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
        "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze",
        "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs",
        "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Yılmaz", "Öztürk", "Kowalczyk",
    ],
    "fr": [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
        "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
        "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
        "Müller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
        "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
        "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "D'Angelo",
        "Nguyễn",
    ],
    "es": [
        "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
        "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
        "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos",
        "Gil", "Ramírez", "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado",
        "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Núñez", "Iglesias", "Medina", "Garrido",
        "Cortés", "Castillo", "Santos", "Lozano", "Guerrero", "Cano", "Prieto", "Méndez", "Calvo",
    ],
}

# Formal name -> the nicknames people also go by. Shipped so the generator can write "Bob"
# in one system and "Robert" in another; the identity models carry their own seed.
NICKNAMES: dict[str, list[str]] = {
    "Robert": ["Bob", "Rob", "Bobby", "Robbie"],
    "William": ["Bill", "Will", "Billy", "Liam"],
    "Elizabeth": ["Liz", "Beth", "Betty", "Lizzie", "Eliza"],
    "Katherine": ["Kate", "Kathy", "Katie", "Kat"],
    "Katharina": ["Kathi", "Katja"],
    "Margaret": ["Maggie", "Peggy", "Meg"],
    "Richard": ["Rick", "Rich", "Dick", "Ricky"],
    "James": ["Jim", "Jimmy", "Jamie"],
    "John": ["Johnny", "Jack"],
    "Michael": ["Mike", "Mikey", "Mick"],
    "Christopher": ["Chris", "Topher"],
    "Christina": ["Tina", "Chris", "Christy"],
    "Jennifer": ["Jen", "Jenny"],
    "Jessica": ["Jess", "Jessie"],
    "Joseph": ["Joe", "Joey"],
    "Thomas": ["Tom", "Tommy"],
    "Daniel": ["Dan", "Danny"],
    "Matthew": ["Matt"],
    "Anthony": ["Tony"],
    "Andrew": ["Andy", "Drew"],
    "Joshua": ["Josh"],
    "Nicholas": ["Nick", "Nicky"],
    "Samantha": ["Sam", "Sammy"],
    "Samuel": ["Sam", "Sammy"],
    "Alexander": ["Alex", "Xander", "Sasha"],
    "Alexandra": ["Alex", "Lexi", "Sandra"],
    "Benjamin": ["Ben", "Benny"],
    "Patricia": ["Pat", "Patty", "Trish"],
    "Patrick": ["Pat", "Paddy"],
    "Susan": ["Sue", "Susie"],
    "Deborah": ["Deb", "Debbie"],
    "Rebecca": ["Becky", "Becca"],
    "Victoria": ["Vicky", "Tori"],
    "Charles": ["Charlie", "Chuck"],
    "Edward": ["Ed", "Eddie", "Ted"],
    "Theodore": ["Ted", "Teddy", "Theo"],
    "Steven": ["Steve"],
    "Stephen": ["Steve"],
    "Timothy": ["Tim", "Timmy"],
    "Jonathan": ["Jon", "Jonny"],
    "Kimberly": ["Kim"],
    "Gregory": ["Greg"],
    "Zachary": ["Zach", "Zack"],
    "Abigail": ["Abby", "Gail"],
    "Kenneth": ["Ken", "Kenny"],
    "Ronald": ["Ron", "Ronnie"],
    "Donald": ["Don", "Donnie"],
    "Raymond": ["Ray"],
    "Gerald": ["Jerry"],
    "Jeffrey": ["Jeff"],
    "Pamela": ["Pam"],
    "Barbara": ["Barb", "Babs"],
    "Cynthia": ["Cindy"],
    "Dorothy": ["Dot", "Dottie"],
    "Jacqueline": ["Jackie"],
    "Theresa": ["Terry", "Tess"],
    "Natalie": ["Nat"],
    "Nathan": ["Nate"],
    "Francisco": ["Paco", "Pancho"],
    "José": ["Pepe"],
    "Manuel": ["Manolo"],
    "Ignacio": ["Nacho"],
    "Johannes": ["Hans", "Jo"],
    "Maximilian": ["Max"],
    "Friedrich": ["Fritz"],
    "Wolfgang": ["Wolf"],
    "Matthias": ["Matze"],
    "Sebastian": ["Basti"],
    "Nicolas": ["Nico"],
    "Guillaume": ["Guigui"],
    "Olivia": ["Liv"],
    "Eleanor": ["Ellie", "Nell"],
    "Harriet": ["Hattie"],
    "Charlotte": ["Lottie", "Charlie"],
}

# ---------------------------------------------------------------- places
# country -> [(city, postcode prefix or full postcodes pattern, area codes / mobile prefixes)]
CITIES: dict[str, list[tuple[str, str, str]]] = {
    "US": [
        ("New York", "100", "212"), ("Brooklyn", "112", "718"), ("Los Angeles", "900", "213"),
        ("Chicago", "606", "312"), ("Houston", "770", "713"), ("Phoenix", "850", "602"),
        ("Philadelphia", "191", "215"), ("San Antonio", "782", "210"),
        ("San Diego", "921", "619"), ("Dallas", "752", "214"), ("Austin", "787", "512"),
        ("San Jose", "951", "408"), ("Jacksonville", "322", "904"), ("Columbus", "432", "614"),
        ("Charlotte", "282", "704"), ("San Francisco", "941", "415"), ("Seattle", "981", "206"),
        ("Denver", "802", "303"), ("Boston", "021", "617"), ("Nashville", "372", "615"),
        ("Portland", "972", "503"), ("Atlanta", "303", "404"), ("Miami", "331", "305"),
        ("Minneapolis", "554", "612"), ("Detroit", "482", "313"), ("Raleigh", "276", "919"),
        ("Salt Lake City", "841", "801"), ("Pittsburgh", "152", "412"),
        ("St. Louis", "631", "314"), ("Tampa", "336", "813"),
    ],
    "CA": [
        ("Toronto", "M5V", "416"), ("Montréal", "H2X", "514"), ("Vancouver", "V6B", "604"),
        ("Calgary", "T2P", "403"), ("Ottawa", "K1P", "613"), ("Québec", "G1R", "418"),
    ],
    "GB": [
        ("London", "SW1A", "7700"), ("London", "E1", "7911"), ("Manchester", "M1", "7400"),
        ("Birmingham", "B1", "7500"), ("Leeds", "LS1", "7800"), ("Glasgow", "G1", "7900"),
        ("Bristol", "BS1", "7712"), ("Edinburgh", "EH1", "7723"), ("Cardiff", "CF10", "7734"),
    ],
    "DE": [
        ("Berlin", "10115", "151"), ("München", "80331", "160"), ("Hamburg", "20095", "170"),
        ("Köln", "50667", "171"), ("Frankfurt am Main", "60311", "152"),
        ("Düsseldorf", "40213", "176"), ("Stuttgart", "70173", "157"),
    ],
    "FR": [
        ("Paris", "75001", "6"), ("Paris", "75011", "7"), ("Lyon", "69001", "6"),
        ("Marseille", "13001", "6"), ("Toulouse", "31000", "7"), ("Nice", "06000", "6"),
        ("Bordeaux", "33000", "7"), ("Lille", "59000", "6"),
    ],
    "ES": [
        ("Madrid", "28001", "6"), ("Barcelona", "08001", "6"), ("Valencia", "46001", "6"),
        ("Sevilla", "41001", "7"), ("Málaga", "29001", "6"), ("Bilbao", "48001", "6"),
    ],
}

STREETS: dict[str, list[str]] = {
    "us": [
        "Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park",
        "Sunset", "Highland", "Lincoln", "Jefferson", "Madison", "Franklin", "Church", "Spring",
        "Ridge", "River", "Meadow", "Willow", "Walnut", "Chestnut", "Jackson", "Adams", "Forest",
        "Valley", "Broad", "Mill", "Center", "Market",
    ],
    "gb": [
        "High", "Station", "Church", "Victoria", "Park", "Queen's", "King's", "Mill", "Green",
        "Manor", "Kingsway", "Albert", "Windsor", "Castle", "Bridge", "Grange",
    ],
    "de": [
        "Haupt", "Schul", "Garten", "Bahnhof", "Dorf", "Berg", "Birken", "Linden", "Kirch",
        "Wald", "Ring", "Goethe", "Schiller", "Mozart", "Friedrich", "Münchner",
    ],
    "fr": [
        "de la République", "Victor Hugo", "de la Paix", "Jean Jaurès", "du Moulin",
        "de l'Église", "Pasteur", "des Écoles", "Nationale", "de la Gare", "Gambetta",
    ],
    "es": [
        "Mayor", "Real", "de la Iglesia", "del Sol", "Nueva", "de Alcalá", "Gran Vía",
        "de Cervantes", "San Juan", "de la Constitución", "del Carmen",
    ],
}
# (full, short forms people type) per country style
STREET_SUFFIXES_US = [
    ("Street", ("St", "St.", "Str")),
    ("Avenue", ("Ave", "Ave.", "Av")),
    ("Road", ("Rd", "Rd.")),
    ("Boulevard", ("Blvd", "Blvd.")),
    ("Drive", ("Dr", "Dr.")),
    ("Lane", ("Ln", "Ln.")),
    ("Court", ("Ct", "Ct.")),
]
STREET_SUFFIXES_GB = [("Road", ("Rd",)), ("Street", ("St",)), ("Lane", ("Ln",)), ("Close", ("Cl",))]
UNIT_WORDS = [("Apartment", ("Apt", "Apt.", "#")), ("Suite", ("Ste", "Ste.")), ("Unit", ("Unit",))]

# ---------------------------------------------------------------- email
EMAIL_DOMAINS: dict[str, list[tuple[str, float]]] = {
    "US": [
        ("gmail.com", 0.42), ("yahoo.com", 0.14), ("hotmail.com", 0.08), ("outlook.com", 0.08),
        ("icloud.com", 0.09), ("aol.com", 0.04), ("comcast.net", 0.03), ("protonmail.com", 0.02),
        ("googlemail.com", 0.01), ("live.com", 0.02), ("msn.com", 0.02), ("fastmail.com", 0.01),
        ("me.com", 0.02), ("verizon.net", 0.02),
    ],
    "CA": [
        ("gmail.com", 0.45), ("hotmail.ca", 0.15), ("yahoo.ca", 0.1), ("outlook.com", 0.1),
        ("icloud.com", 0.1), ("rogers.com", 0.05), ("videotron.ca", 0.05),
    ],
    "GB": [
        ("gmail.com", 0.38), ("hotmail.co.uk", 0.15), ("yahoo.co.uk", 0.1),
        ("btinternet.com", 0.1), ("outlook.com", 0.1), ("icloud.com", 0.07),
        ("googlemail.com", 0.05), ("sky.com", 0.05),
    ],
    "DE": [
        ("gmail.com", 0.3), ("gmx.de", 0.22), ("web.de", 0.22), ("t-online.de", 0.1),
        ("outlook.de", 0.06), ("googlemail.com", 0.06), ("icloud.com", 0.04),
    ],
    "FR": [
        ("gmail.com", 0.4), ("orange.fr", 0.15), ("free.fr", 0.12), ("hotmail.fr", 0.1),
        ("laposte.net", 0.08), ("sfr.fr", 0.08), ("yahoo.fr", 0.07),
    ],
    "ES": [
        ("gmail.com", 0.5), ("hotmail.es", 0.2), ("yahoo.es", 0.1), ("outlook.es", 0.1),
        ("telefonica.net", 0.05), ("icloud.com", 0.05),
    ],
}
# Misspelt domains seen in sign-up forms (one of the typo kinds)
DOMAIN_TYPOS = {
    "gmail.com": ["gmial.com", "gmai.com", "gmail.co", "gnail.com", "gmail.con"],
    "yahoo.com": ["yaho.com", "yahoo.co", "yhaoo.com"],
    "hotmail.com": ["hotmial.com", "hotmail.co", "hotmal.com"],
    "outlook.com": ["outlok.com", "outlook.co"],
    "icloud.com": ["icoud.com", "icloud.co"],
}
COMPANIES = [
    "acme-corp", "globex", "initech", "umbrella-health", "hooli", "vandelay", "wayne-ent",
    "stark-ind", "cyberdyne", "soylent", "tyrell", "wonka", "gringotts", "monarch-solar",
    "blue-harbor", "northwind", "contoso", "fabrikam", "tailspin", "litware", "adatum",
    "proseware", "fourth-coffee", "wingtip", "alpine-ski", "margie-travel", "lucerne-pub",
    "woodgrove", "coho-winery", "treyresearch",
]
JOB_TITLES = [
    "Office Manager", "Buyer", "Procurement Lead", "Head of Operations", "Marketing Manager",
    "Facilities Coordinator", "CEO", "Founder", "Store Manager", "Purchasing Assistant",
    "Event Planner", "HR Generalist",
]
OFFICE_MAILBOX_NAMES = ["office", "info", "frontdesk", "reception", "accounts", "orders", "team"]

# ---------------------------------------------------------------- placeholders / junk
PLACEHOLDER_EMAILS = [
    "test@test.com", "noemail@noemail.com", "none@none.com", "no@email.com", "na@na.com",
    "customer@example.com", "unknown@unknown.com", "x@x.com",
]
PLACEHOLDER_TEXT = ["N/A", "n/a", "unknown", "Unknown", "none", "NONE", "-", "?", "null", "TBD"]
PLACEHOLDER_PHONES = [
    "000-000-0000", "0000000000", "1234567890", "123-456-7890", "999-999-9999", "111-111-1111",
    "N/A", "none", "0",
]
INVALID_PHONES = ["555-CALL-NOW", "12345", "phone", "+1 (415", "call me", "0000", "see email"]
TEST_EMAILS = [
    "test@example.com", "qa@example.com", "test+{n}@example.com", "testaccount{n}@example.com",
]

# ---------------------------------------------------------------- products
CATEGORIES: list[tuple[str, list[str], tuple[float, float]]] = [
    # (product_type, nouns, (median price, spread))
    (
        "Running Shoes",
        ["Trail Runner", "Road Racer", "Cushion Max", "Tempo Flyer", "Daily Trainer"],
        (95.0, 0.3),
    ),
    (
        "Apparel",
        ["Merino Tee", "Hoodie", "Rain Jacket", "Fleece", "Joggers", "Base Layer"],
        (55.0, 0.4),
    ),
    (
        "Socks",
        ["Crew Socks", "No-Show Socks", "Wool Hiking Socks", "Compression Socks"],
        (14.0, 0.3),
    ),
    ("Backpacks", ["Day Pack", "Commuter Pack", "Hydration Vest", "Travel Duffel"], (85.0, 0.35)),
    ("Camping", ["Tent", "Sleeping Bag", "Sleeping Pad", "Camp Stove", "Headlamp"], (120.0, 0.6)),
    (
        "Nutrition",
        ["Energy Gel 12-pack", "Protein Bar Box", "Electrolyte Mix", "Recovery Shake"],
        (25.0, 0.3),
    ),
    ("Bottles", ["Insulated Bottle", "Soft Flask", "Filter Bottle"], (28.0, 0.3)),
    ("Watches", ["GPS Watch", "Heart Rate Strap", "Fitness Band"], (220.0, 0.45)),
    ("Yoga", ["Yoga Mat", "Yoga Block", "Strap", "Mat Towel"], (38.0, 0.4)),
    ("Cycling", ["Helmet", "Bike Lights", "Cycling Gloves", "Saddle Bag", "Jersey"], (65.0, 0.5)),
    ("Accessories", ["Cap", "Sunglasses", "Arm Sleeves", "Buff", "Gift Card"], (30.0, 0.4)),
    ("Care", ["Shoe Cleaner Kit", "Wax Repellent", "Foam Roller", "Massage Ball"], (22.0, 0.35)),
]
PRODUCT_ADJECTIVES = [
    "Classic", "Pro", "Ultra", "Lite", "Summit", "Urban", "Eco", "Trail", "Aero", "Core",
]
VENDORS = ["Northpeak", "Stridelab", "Kinetic Goods", "Alder & Co", "Tundra Works", "Fjellmark"]

# ---------------------------------------------------------------- web
USER_AGENTS_DESKTOP = [
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0 Safari/537.36"
    ),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.4 Safari/605.1.15"
    ),
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0 "
        "Safari/537.36"
    ),
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/122.0 Safari/537.36 Edg/122.0"
    ),
]
USER_AGENTS_MOBILE = [
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
        "Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
    ),
    (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0 Mobile Safari/537.36"
    ),
    (
        "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/123.0 Mobile Safari/537.36"
    ),
    (
        "Mozilla/5.0 (iPad; CPU OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.3 Mobile/15E148 Safari/604.1"
    ),
]
USER_AGENTS_APP = {
    "ios": "Northpeak/4.12.0 (iPhone; iOS 17.4; Scale/3.00)",
    "android": "Northpeak/4.12.0 (Linux; Android 14)",
}
EMAIL_CLIENT_AGENTS = [
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
        "Gecko) Mobile/15E148"
    ),
    (
        "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0 "
        "Safari/537.36 (via ggpht.com GoogleImageProxy)"
    ),
    "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
]
REFERRERS = [
    None, None, None, "https://www.google.com/", "https://www.bing.com/",
    "https://www.instagram.com/", "https://www.facebook.com/", "https://duckduckgo.com/",
    "https://www.pinterest.com/", "https://t.co/",
]
UTM = [
    (None, None, None), ("google", "cpc", "brand_search"), ("google", "cpc", "generic_running"),
    ("facebook", "paid_social", "spring_sale"), ("instagram", "paid_social", "new_arrivals"),
    ("newsletter", "email", "weekly_digest"), ("affiliate", "referral", "partner_blog"),
]
SHOP_HOST = "https://www.northpeak-outdoor.com"
STATIC_PAGES = [
    ("Home", "/", "Northpeak Outdoor | Gear for every trail"),
    ("Search", "/search", "Search | Northpeak"), ("Cart", "/cart", "Your cart | Northpeak"),
    ("Account", "/account", "My account | Northpeak"),
    ("Help", "/pages/help", "Help centre | Northpeak"),
    ("Stores", "/pages/stores", "Find a store | Northpeak"),
    ("Sale", "/collections/sale", "Sale | Northpeak"),
]

# ---------------------------------------------------------------- support / crm / email
TICKET_SUBJECTS = [
    "Where is my order?", "Return request", "Wrong size delivered", "Item arrived damaged",
    "Change delivery address", "Refund not received", "Discount code not working",
    "Question about sizing", "Cancel my order", "Loyalty points missing",
    "Cannot log in to my account", "Product question", "Warranty claim",
]
LEAD_SOURCES = [
    "website", "trade_show", "referral", "store_event", "import", "partner", "cold_call",
]
SIGNUP_SOURCES = ["website_footer", "checkout", "popup", "store_tablet", "import", "app"]
UNSUBSCRIBE_REASONS = [None, "too_many_emails", "not_relevant", "never_signed_up", "other"]
BOUNCE_REASONS = {
    "hard": ["550 5.1.1 user unknown", "550 mailbox unavailable", "domain not found"],
    "soft": ["452 mailbox full", "421 try again later", "message too large"],
}
CAMPAIGN_THEMES = [
    "Weekly Digest", "New Arrivals", "Trail Season", "Flash Sale", "Members Only",
    "Back in Stock", "Gear Guide", "Holiday Gifts", "Clearance", "Running Club",
]
TIME_ZONES = {
    "US": ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"],
    "CA": ["America/Toronto", "America/Vancouver"],
    "GB": ["Europe/London"],
    "DE": ["Europe/Berlin"],
    "FR": ["Europe/Paris"],
    "ES": ["Europe/Madrid"],
}
LOCALES = {"US": "en-US", "CA": "en-CA", "GB": "en-GB", "DE": "de", "FR": "fr", "ES": "es"}

# ---------------------------------------------------------------- stores
STORE_CITIES: list[tuple[str, str]] = (
    [("US", c[0]) for c in CITIES["US"]]
    + [("CA", "Toronto"), ("CA", "Vancouver"), ("GB", "London"), ("GB", "Manchester")]
    + [("DE", "Berlin"), ("FR", "Paris")]
)


@dataclass(frozen=True)
class Product:
    product_id: int
    variant_id: int
    sku: str
    title: str
    product_type: str
    category: int
    vendor: str
    handle: str
    price: float
