//! The tables the demo draws its invented people, places and products from. Towns are real Kosovo
//! towns; streets, house numbers, cell ids, tariff names and everything personal are invented. Names
//! are common given names and surnames put together at random; combinations that belong to well-known
//! public figures are left out of the tables on purpose.

/// A town where demo customers live, with the invented cells of its neighbourhoods.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Town {
    pub name: &'static str,
    pub name_sr: &'static str,
    pub postal_code: &'static str,
    /// Area code of fixed lines, as dialled after +383.
    pub fixed_area: &'static str,
    /// Location area code of the town's invented cells.
    pub cell_area: &'static str,
    /// Neighbourhoods with one invented cell id each.
    pub cells: &'static [(&'static str, &'static str)],
}

impl Town {
    /// "Prishtinë – Qendër (cell 41-0132)": the form of a traffic record's `cell_location`.
    pub(super) fn cell_location(&self, index: usize) -> String {
        let (area, cell) = self
            .cells
            .get(index % self.cells.len().max(1))
            .copied()
            .unwrap_or(("Qendër", "0001"));
        format!("{} – {area} (cell {}-{cell})", self.name, self.cell_area)
    }

    /// Where an IP address is located, to the neighbourhood.
    pub(super) fn area(&self, index: usize) -> String {
        let area = self
            .cells
            .get(index % self.cells.len().max(1))
            .map(|(a, _)| *a)
            .unwrap_or("Qendër");
        format!("{} – {area}", self.name)
    }
}

pub(super) const PRISHTINE: Town = Town {
    name: "Prishtinë",
    name_sr: "Приштина",
    postal_code: "10000",
    fixed_area: "38",
    cell_area: "41",
    cells: &[
        ("Qendër", "0132"),
        ("Ulpiana", "0217"),
        ("Dardania", "0245"),
        ("Kodra e Diellit", "0308"),
        ("Arbëria", "0176"),
        ("Bregu i Diellit", "0281"),
        ("Lakrishtë", "0322"),
        ("Mati 1", "0354"),
        ("Veternik", "0391"),
        ("Tophane", "0156"),
    ],
};

pub(super) const PRIZREN: Town = Town {
    name: "Prizren",
    name_sr: "Призрен",
    postal_code: "20000",
    fixed_area: "29",
    cell_area: "42",
    cells: &[
        ("Qendër", "0104"),
        ("Shadërvan", "0111"),
        ("Bazhdarhane", "0147"),
        ("Arbana", "0163"),
        ("Lagjja e Re", "0188"),
    ],
};

pub(super) const PEJE: Town = Town {
    name: "Pejë",
    name_sr: "Пећ",
    postal_code: "30000",
    fixed_area: "39",
    cell_area: "43",
    cells: &[
        ("Qendër", "0121"),
        ("Karagaç", "0139"),
        ("Kapeshnica", "0152"),
        ("Dardania", "0170"),
    ],
};

pub(super) const GJAKOVE: Town = Town {
    name: "Gjakovë",
    name_sr: "Ђаковица",
    postal_code: "50000",
    fixed_area: "390",
    cell_area: "44",
    cells: &[
        ("Qendër", "0115"),
        ("Çarshia e Madhe", "0128"),
        ("Blloku i Ri", "0146"),
        ("Qyteti i Ri", "0159"),
    ],
};

pub(super) const MITROVICE: Town = Town {
    name: "Mitrovicë",
    name_sr: "Митровица",
    postal_code: "40000",
    fixed_area: "28",
    cell_area: "45",
    cells: &[
        ("Qendër", "0108"),
        ("Bair", "0126"),
        ("Shipol", "0143"),
        ("Tavnik", "0167"),
    ],
};

pub(super) const FERIZAJ: Town = Town {
    name: "Ferizaj",
    name_sr: "Урошевац",
    postal_code: "70000",
    fixed_area: "290",
    cell_area: "46",
    cells: &[
        ("Qendër", "0112"),
        ("Dardania", "0131"),
        ("Bibaj", "0149"),
        ("Zona Industriale", "0177"),
    ],
};

pub(super) const GJILAN: Town = Town {
    name: "Gjilan",
    name_sr: "Гњилане",
    postal_code: "60000",
    fixed_area: "280",
    cell_area: "47",
    cells: &[
        ("Qendër", "0119"),
        ("Arbëria", "0134"),
        ("Dardania", "0158"),
        ("Qyteti i Ri", "0172"),
    ],
};

pub(super) const GRACANICE: Town = Town {
    name: "Graçanicë",
    name_sr: "Грачаница",
    postal_code: "10500",
    fixed_area: "38",
    cell_area: "41",
    cells: &[
        ("Qendër", "0510"),
        ("Llapllasellë", "0523"),
        ("Çagllavicë", "0537"),
        ("Preoc", "0549"),
    ],
};

pub(super) const FUSHE_KOSOVE: Town = Town {
    name: "Fushë Kosovë",
    name_sr: "Косово Поље",
    postal_code: "12000",
    fixed_area: "38",
    cell_area: "41",
    cells: &[
        ("Qendër", "0610"),
        ("Stacioni", "0624"),
        ("Lagjja e Re", "0638"),
    ],
};

pub(super) const PODUJEVE: Town = Town {
    name: "Podujevë",
    name_sr: "Подујево",
    postal_code: "11000",
    fixed_area: "38",
    cell_area: "49",
    cells: &[("Qendër", "0107"), ("Lagjja e Re", "0125")],
};

pub(super) const LIPJAN: Town = Town {
    name: "Lipjan",
    name_sr: "Липљан",
    postal_code: "14000",
    fixed_area: "38",
    cell_area: "41",
    cells: &[("Qendër", "0710"), ("Lagjja e Re", "0726")],
};

/// Where ordinary customers live: the demo store is in Prishtina, so most live around it.
pub(super) const TOWNS: &[(Town, u32)] = &[
    (PRISHTINE, 40),
    (FUSHE_KOSOVE, 6),
    (GRACANICE, 4),
    (LIPJAN, 4),
    (PODUJEVE, 4),
    (PRIZREN, 10),
    (PEJE, 8),
    (GJAKOVE, 6),
    (MITROVICE, 6),
    (FERIZAJ, 6),
    (GJILAN, 6),
];

/// Invented street names in Albanian (fruit trees, springs, fields).
pub(super) const STREETS_SQ: &[&str] = &[
    "Rruga e Qershive",
    "Rruga e Arrave",
    "Rruga e Blirëve",
    "Rruga e Dardhave",
    "Rruga e Manave",
    "Rruga Fusha e Lulëve",
    "Rruga e Mullirit",
    "Rruga e Burimit",
    "Rruga Kroi i Bardhë",
    "Rruga e Pyllit",
    "Rruga e Ujëvarës",
    "Rruga e Vreshtave",
    "Rruga Lugina e Diellit",
    "Rruga e Bletëve",
    "Rruga e Pishave",
    "Rruga e Shelgjeve",
    "Rruga Kodra e Lisave",
    "Rruga e Kallamave",
];

/// Invented street names in Serbian, Latin script (trees).
pub(super) const STREETS_SR: &[&str] = &[
    "ul. Jorgovanska",
    "ul. Brestova",
    "ul. Lipova",
    "ul. Vrbova",
    "ul. Bagremova",
    "ul. Orahova",
];

/// A people's names: given names (female, male) and surnames, with where they mostly live.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct NamePool {
    pub female: &'static [&'static str],
    pub male: &'static [&'static str],
    pub surnames: &'static [&'static str],
    pub streets: &'static [&'static str],
    /// Empty: anywhere in [`TOWNS`].
    pub towns: &'static [Town],
}

pub(super) const ALBANIAN: NamePool = NamePool {
    female: &[
        "Arta", "Blerta", "Drita", "Elira", "Fjolla", "Gresa", "Hana", "Ilirjana", "Jehona",
        "Kaltrina", "Lirije", "Njomza", "Rrezarta", "Shqipe", "Valbona", "Zana", "Dafina",
        "Albina", "Edona", "Besarta", "Flaka", "Lumnije", "Vlora", "Ardita", "Gentiana", "Dhurata",
        "Mirjeta", "Ganimete", "Lindita", "Shpresa",
    ],
    male: &[
        "Arbër", "Arian", "Besnik", "Blerim", "Dardan", "Egzon", "Fatos", "Gëzim", "Ilir", "Jeton",
        "Korab", "Leutrim", "Liridon", "Mërgim", "Qëndrim", "Rinor", "Shpëtim", "Valon", "Visar",
        "Ylber", "Agron", "Bujar", "Dritan", "Endrit", "Festim", "Labinot", "Petrit", "Lulzim",
        "Mentor", "Xhevdet",
    ],
    surnames: &[
        "Krasniqi",
        "Gashi",
        "Berisha",
        "Morina",
        "Hoxha",
        "Shala",
        "Bytyçi",
        "Kryeziu",
        "Hasani",
        "Rexhepi",
        "Sadiku",
        "Haliti",
        "Zeqiri",
        "Ahmeti",
        "Hyseni",
        "Bajrami",
        "Dema",
        "Limani",
        "Qerimi",
        "Sylejmani",
        "Bislimi",
        "Mehmeti",
        "Musliu",
        "Ymeri",
        "Pllana",
        "Spahiu",
        "Kelmendi",
        "Bunjaku",
        "Haxhiu",
        "Zymberi",
        "Çitaku",
        "Dërmaku",
        "Gërguri",
        "Lëkaj",
        "Rrahmani",
        "Çollaku",
        "Shabani",
        "Maloku",
    ],
    streets: STREETS_SQ,
    towns: &[],
};

pub(super) const SERBIAN: NamePool = NamePool {
    female: &[
        "Jelena", "Milica", "Snežana", "Dragana", "Ivana", "Marija", "Tijana", "Jovana", "Slađana",
        "Gordana", "Vesna", "Danijela",
    ],
    male: &[
        "Nikola", "Marko", "Stefan", "Miloš", "Dušan", "Nemanja", "Dragan", "Zoran", "Bojan",
        "Đorđe", "Srđan", "Živko",
    ],
    surnames: &[
        "Jovanović",
        "Petrović",
        "Nikolić",
        "Stojanović",
        "Ilić",
        "Marković",
        "Živković",
        "Todorović",
        "Stanković",
        "Milosavljević",
        "Trajković",
        "Simić",
        "Kostić",
        "Mitić",
        "Ristić",
        "Savić",
        "Lazić",
        "Arsić",
    ],
    streets: STREETS_SR,
    towns: &[GRACANICE, MITROVICE, GRACANICE, LIPJAN, FUSHE_KOSOVE],
};

pub(super) const BOSNIAK: NamePool = NamePool {
    female: &["Amra", "Lejla", "Emina", "Selma", "Belma"],
    male: &["Edin", "Adnan", "Emir", "Jasmin", "Senad"],
    surnames: &[
        "Hodžić",
        "Mehmedović",
        "Kurtović",
        "Salihović",
        "Begović",
        "Šabani",
    ],
    streets: STREETS_SQ,
    towns: &[PRIZREN, PEJE],
};

/// Prizren's Turkish community writes its names in Turkish spelling (ş, ğ, ı, ö, ü).
pub(super) const TURKISH: NamePool = NamePool {
    female: &["Ayşe", "Elif", "Zeynep", "Gülşen"],
    male: &["Mehmet", "Emre", "Burak", "Yücel"],
    surnames: &["Yıldız", "Kaya", "Şahin", "Doğan", "Öztürk"],
    streets: STREETS_SQ,
    towns: &[PRIZREN],
};

/// Which people ordinary customers come from, by weight.
pub(super) const NAME_POOLS: &[(NamePool, u32)] =
    &[(ALBANIAN, 80), (SERBIAN, 10), (BOSNIAK, 5), (TURKISH, 5)];

/// Phone models with an invented 8-digit type allocation code each.
pub(super) const PHONES: &[(&str, &str)] = &[
    ("Samsung Galaxy A55 5G", "35071822"),
    ("Samsung Galaxy S24", "35093514"),
    ("Apple iPhone 15", "35384217"),
    ("Apple iPhone 13", "35267409"),
    ("Xiaomi Redmi Note 13", "86215305"),
    ("Xiaomi 14T", "86402168"),
    ("Google Pixel 8a", "35819046"),
    ("Motorola moto g54", "35462091"),
    ("Nokia 105 4G", "35301754"),
];

/// Modems: model, access technology code, serial prefix.
pub(super) const MODEMS: &[(&str, &str, &str)] = &[
    ("ZTE ZXHN F670L", "ftth", "ZTEG"),
    ("Huawei EchoLife HG8245H5", "ftth", "4857"),
    ("Nokia G-240W-F", "ftth", "ALCL"),
    ("Technicolor TC7230", "docsis", "CP"),
    ("Sagemcom F@st 3890", "docsis", "LK"),
];

/// Tariff names and monthly price in euro cents (all invented).
pub(super) const MOBILE_POSTPAID: &[(&str, u32)] = &[
    ("Mobile 10", 1000),
    ("Mobile 15", 1500),
    ("Mobile 25", 2500),
    ("Mobile Unlimited", 3500),
];
pub(super) const MOBILE_PREPAID: &[&str] = &["Prepaid Start", "Prepaid Smart"];
pub(super) const INTERNET_FTTH: &[(&str, u32)] = &[
    ("Fiber 100 Mbps", 1995),
    ("Fiber 300 Mbps", 2495),
    ("Fiber 1 Gbps", 3495),
];
pub(super) const INTERNET_DOCSIS: &[(&str, u32)] =
    &[("Cable 50 Mbps", 1695), ("Cable 150 Mbps", 2195)];
pub(super) const TV_DTV: &[(&str, u32)] = &[("DTV Basic", 900), ("DTV Plus", 1400)];
pub(super) const TV_TVIM: &[(&str, u32)] = &[("TVIM Standard", 700), ("TVIM Premium", 1200)];
pub(super) const FIXED: &[(&str, u32)] = &[("Fixed Basic", 400), ("Fixed National Unlimited", 800)];

/// Things bought online, with price in euro cents.
pub(super) const SHOP_ITEMS: &[(&str, u32)] = &[
    ("Apple iPhone 15 128 GB", 89900),
    ("Samsung Galaxy A35", 32900),
    ("Xiaomi Redmi Note 13", 21900),
    ("Prepaid top-up 10 EUR", 1000),
    ("Prepaid top-up 5 EUR", 500),
    ("TVIM Sport add-on, 1 month", 499),
    ("Mobile data add-on 20 GB", 800),
    ("Wi-Fi mesh extender", 5900),
    ("Phone case and screen protector", 1990),
];

pub(super) const COMPLAINT_TOPICS: &[&str] = &[
    "Slow internet speed in the evening",
    "Charged twice for the same month",
    "TV picture freezes on sports channels",
    "No mobile signal indoors",
    "Delay in installing the fibre connection",
    "Roaming charges higher than expected",
    "Modem restarts several times a day",
    "Wrong address on the invoice",
    "Fixed line has no dial tone",
    "Refund for a cancelled online order",
];

pub(super) const CALL_TOPICS: &[&str] = &[
    "Question about the latest invoice",
    "Internet outage reported",
    "Change of tariff plan",
    "Help with the modem's Wi-Fi settings",
    "Activating roaming",
    "Lost SIM card blocked",
    "Moving the home internet to a new address",
];

/// Devices on home networks, by the name they announce.
pub(super) const HOME_DEVICES: &[&str] = &[
    "Galaxy-A55",
    "iPhone",
    "Smart-TV",
    "PlayStation-5",
    "HP-LaserJet",
    "Tablet",
    "Xbox",
    "Chromecast",
    "Redmi-Note-13",
    "MacBook-Air",
];

/// Devices that get a fixed address and sometimes a forwarded port: (name, protocol, external port,
/// internal port).
pub(super) const SERVER_DEVICES: &[(&str, &str, u32, u32)] = &[
    ("IP-Camera", "tcp", 8080, 80),
    ("NAS", "tcp", 5001, 5001),
    ("PlayStation-5", "udp", 3478, 3478),
    ("Xbox", "udp", 3074, 3074),
    ("Home-Server", "tcp", 2222, 22),
];

/// Private home networks (RFC 1918): the LAN side of a modem identifies nobody, and support staff
/// expect to see these and not the documentation ranges used for public addresses.
pub(super) const LAN_PREFIXES: &[&str] = &["192.168.1", "192.168.0", "10.0.0"];

/// Lower-case ASCII for e-mail addresses and user names ("Qëndresa Çitaku" → "qendresa.citaku",
/// "Љиљана Ђорђевић" → "ljiljana.djordjevic").
pub(super) fn ascii_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'ë' | 'é' | 'è' => "e",
            'ç' | 'č' | 'ć' => "c",
            'đ' => "dj",
            'š' | 'ş' => "s",
            'ž' => "z",
            'ğ' => "g",
            'ı' => "i",
            'ö' => "o",
            'ü' => "u",
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'ђ' => "dj",
            'е' => "e",
            'ж' => "z",
            'з' => "z",
            'и' => "i",
            'ј' => "j",
            'к' => "k",
            'л' => "l",
            'љ' => "lj",
            'м' => "m",
            'н' => "n",
            'њ' => "nj",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'ћ' => "c",
            'у' => "u",
            'ф' => "f",
            'х' => "h",
            'ц' => "c",
            'ч' => "c",
            'џ' => "dz",
            'ш' => "s",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            // Spaces and hyphens in names become nothing: "Dërmaku-Çitaku" → "dermakucitaku".
            _ => "",
        };
        out.push_str(folded);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_gives_plain_ascii() {
        assert_eq!(ascii_fold("Qëndresa"), "qendresa");
        assert_eq!(ascii_fold("Đurčić-Šćepanović"), "djurcicscepanovic");
        assert_eq!(ascii_fold("Љиљана Ђорђевић"), "ljiljanadjordjevic");
        assert_eq!(ascii_fold("Yıldız Şahin"), "yildizsahin");
        assert_eq!(ascii_fold("Žarko"), "zarko");
    }

    #[test]
    fn tables_are_not_empty_and_cells_read_like_the_network_reports_them() {
        for (town, weight) in TOWNS {
            assert!(!town.cells.is_empty() && *weight > 0, "{}", town.name);
        }
        assert_eq!(
            PRISHTINE.cell_location(0),
            "Prishtinë – Qendër (cell 41-0132)"
        );
        for (pool, _) in NAME_POOLS {
            assert!(!pool.female.is_empty() && !pool.male.is_empty() && !pool.surnames.is_empty());
        }
    }
}
