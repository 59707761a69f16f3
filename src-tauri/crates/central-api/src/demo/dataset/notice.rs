//! The consent notice a customer reads before choosing, in Albanian, English and Serbian (Cyrillic).
//!
//! It is built from the policy: the English paragraphs quote it (the older policy for the consent
//! choices, the current one for consent, personalised offers, retention and withdrawal), and the
//! Albanian and Serbian paragraphs translate the same sentences. Purpose and channel names come from
//! the protocol's labels, so the notice names choices exactly as the kiosk's screens do. The notice is
//! IPKO's text: nothing in it depends on the day or says "demo".

use protocol::policy::controller::{
    CONTROLLER_ADDRESS, CONTROLLER_EMAIL, CONTROLLER_NAME, CONTROLLER_WEBSITE, DPO_EMAIL,
};
use protocol::policy::ConsentPurpose;
use protocol::Lang;

use super::super::DemoNotice;

pub(super) fn notices() -> Vec<DemoNotice> {
    Lang::ALL.into_iter().map(notice).collect()
}

/// The fixed paragraphs of the notice in one language.
struct Words {
    title: &'static str,
    controller: String,
    /// Older policy: "In order to provide you with the best services, IPKO will use your personal
    /// information for direct marketing purposes only upon your consent."
    intro: &'static str,
    only_for_consented_purposes: &'static str,
    personalised_offers: &'static str,
    channels_basis: &'static str,
    choose: &'static str,
    channels: &'static str,
    no_channels: &'static str,
    separately: &'static str,
    how_long_heading: &'static str,
    how_long: &'static str,
    withdraw_heading: &'static str,
    withdraw: [&'static str; 4],
}

fn notice(lang: Lang) -> DemoNotice {
    let w = words(lang);
    let mut parts: Vec<String> = vec![
        w.controller.clone(),
        w.intro.to_owned(),
        w.only_for_consented_purposes.to_owned(),
        w.personalised_offers.to_owned(),
        w.channels_basis.to_owned(),
        w.choose.to_owned(),
    ];
    for (n, purpose) in ConsentPurpose::ALL.into_iter().enumerate() {
        let (invitation, consent) = purpose_text(lang, purpose);
        let channels = if purpose.channels().is_empty() {
            w.no_channels.to_owned()
        } else {
            let names: Vec<&str> = purpose
                .channels()
                .iter()
                .map(|c| c.label().get(lang))
                .collect();
            format!("{}.", names.join(", "))
        };
        parts.push(format!(
            "{}. {}\n{invitation}\n{consent}\n{}: {channels}",
            n + 1,
            purpose.label().get(lang),
            w.channels,
        ));
    }
    parts.push(w.separately.to_owned());
    parts.push(format!("{}\n{}", w.how_long_heading, w.how_long));
    parts.push(format!("{}\n{}", w.withdraw_heading, w.withdraw.join("\n")));
    DemoNotice {
        lang,
        title: w.title.to_owned(),
        text: parts.join("\n\n"),
    }
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            title: "Consent to the processing of personal data for direct marketing and the improvement of services",
            controller: format!(
                "Controller: {CONTROLLER_NAME}, {CONTROLLER_ADDRESS}, {CONTROLLER_WEBSITE}, {CONTROLLER_EMAIL}. Data Protection Officer: {DPO_EMAIL}."
            ),
            intro: "In order to provide you with the best services, IPKO will use your personal information for direct marketing purposes only upon your consent.",
            only_for_consented_purposes: "In case of user’s consent, IPKO shall process personal data only for the purposes, for which the user has given consent.",
            personalised_offers: "Personalized offers include the general offers of IPKO, which IPKO submits to users when it assesses that they could be interesting for a specific user, as well as offers, tailored specifically to each user. IPKO shall process data for automated decision-making whether a specific offer is interesting for a specific user, as well as for their profiling/segmentation (e.g. based on demographic, socio-graphic and behavioral data, and other criteria and factors, such as gender, age, location of residence, service usage frequency, type and time of the use of services, websites and apps, past purchasing habits, location or online identification), on the basis of which IPKO shall submit offers to the user.",
            channels_basis: "Based on consent, IPKO may submit information and offers to the user through all communication channels listed in the consent, for which the data is available within the scope of the contractual relationship, which is the subject of users’ consent.",
            choose: "You may choose to be contacted for:",
            channels: "Channels",
            no_channels: "none – nobody contacts you for this purpose, and you choose it as a whole.",
            separately: "You make each choice separately: for each purpose, and for each of its channels.",
            how_long_heading: "How long",
            how_long: "In case a client grants their consent for the processing of data for a specific purpose, and has not withdrawn such consent, IPKO may – within the scope compliant with regulations – process personal data for such purpose for another two years after termination of the contractual relationship, for which the consent has been given.",
            withdraw_heading: "Withdrawing your consent",
            withdraw: [
                "In cases where personal data processing is based on consent, the user may withdraw their consent at any given time.",
                "Users can withdraw their consent by sending a written request to: IPKO TELECOMMUNICATIONS LLC, “Zija Shemsiu” Street, No.34, Ulpiana Neighborhood, Prishtina, info@ipko.com; by submitting a written request at IPKO’s points of sale; by sending their request by email to: info@ipko.com; or by calling +38349/700700.",
                "In cases when consent is collected through electronic communication services or information services (e.g. SMS messages, apps) and where appropriate, users can also withdraw their consent through these communication channels.",
                "In case a consent is withdrawn, IPKO shall cease to process data, collected based on the relevant consent, and/or shall no longer process them for the purpose, which was the subject of consent.",
            ],
        },
        Lang::Sq => Words {
            title: "Pëlqimi për përpunimin e të dhënave personale për marketing të drejtpërdrejtë dhe për përmirësimin e shërbimeve",
            controller: format!(
                "Kontrolluesi i të dhënave: IPKO Telecommunications SH.P.K., rruga “Zija Shemsiu” nr. 34, lagjja Ulpiana, Prishtinë, Kosovë, {CONTROLLER_WEBSITE}, {CONTROLLER_EMAIL}. Zyrtari për mbrojtjen e të dhënave: {DPO_EMAIL}."
            ),
            intro: "Për t’ju ofruar shërbimet më të mira, IPKO do t’i përdorë të dhënat tuaja personale për qëllime të marketingut të drejtpërdrejtë vetëm me pëlqimin tuaj.",
            only_for_consented_purposes: "Në rast të pëlqimit të përdoruesit, IPKO i përpunon të dhënat personale vetëm për qëllimet për të cilat përdoruesi ka dhënë pëlqimin.",
            personalised_offers: "Ofertat e personalizuara përfshijnë ofertat e përgjithshme të IPKO-s, të cilat IPKO ua dërgon përdoruesve kur vlerëson se mund të jenë interesante për një përdorues të caktuar, si dhe ofertat e përshtatura posaçërisht për secilin përdorues. IPKO i përpunon të dhënat për vendimmarrje të automatizuar nëse një ofertë e caktuar është interesante për një përdorues të caktuar, si dhe për profilizimin/segmentimin e përdoruesve (p.sh. në bazë të të dhënave demografike, socio-grafike dhe të sjelljes, si dhe të kritereve dhe faktorëve të tjerë, si gjinia, mosha, vendbanimi, shpeshtësia e përdorimit të shërbimeve, lloji dhe koha e përdorimit të shërbimeve, faqeve të internetit dhe aplikacioneve, zakonet e mëparshme të blerjes, vendndodhja ose identifikimi në internet), në bazë të të cilave IPKO i dërgon ofertat përdoruesit.",
            channels_basis: "Në bazë të pëlqimit, IPKO mund t’i dërgojë përdoruesit informacione dhe oferta përmes të gjitha kanaleve të komunikimit të renditura në pëlqim, për të cilat të dhënat janë në dispozicion në kuadër të marrëdhënies kontraktuale që është objekt i pëlqimit të përdoruesit.",
            choose: "Ju mund të zgjidhni të kontaktoheni për:",
            channels: "Kanalet",
            no_channels: "asnjë – askush nuk ju kontakton për këtë qëllim, dhe e zgjidhni atë në tërësi.",
            separately: "Secilën zgjedhje e bëni veçmas: për secilin qëllim dhe për secilin nga kanalet e tij.",
            how_long_heading: "Për sa kohë",
            how_long: "Nëse klienti jep pëlqimin për përpunimin e të dhënave për një qëllim të caktuar dhe nuk e ka tërhequr atë, IPKO mund – në masën që është në përputhje me rregulloret – t’i përpunojë të dhënat personale për atë qëllim edhe dy vjet pas përfundimit të marrëdhënies kontraktuale për të cilën është dhënë pëlqimi.",
            withdraw_heading: "Tërheqja e pëlqimit",
            withdraw: [
                "Në rastet kur përpunimi i të dhënave personale bazohet në pëlqim, përdoruesi mund ta tërheqë pëlqimin e tij në çdo kohë.",
                "Përdoruesit mund ta tërheqin pëlqimin duke dërguar një kërkesë me shkrim në: IPKO TELECOMMUNICATIONS SH.P.K., rruga “Zija Shemsiu” nr. 34, lagjja Ulpiana, Prishtinë, info@ipko.com; duke dorëzuar një kërkesë me shkrim në pikat e shitjes së IPKO-s; duke dërguar kërkesën e tyre me e-mail në: info@ipko.com; ose duke telefonuar në +38349/700700.",
                "Në rastet kur pëlqimi merret përmes shërbimeve të komunikimeve elektronike ose shërbimeve të informacionit (p.sh. mesazhe SMS, aplikacione) dhe kur është e përshtatshme, përdoruesit mund ta tërheqin pëlqimin edhe përmes këtyre kanaleve të komunikimit.",
                "Në rast se një pëlqim tërhiqet, IPKO ndërpret përpunimin e të dhënave të mbledhura në bazë të pëlqimit përkatës dhe/ose nuk i përpunon më ato për qëllimin që ishte objekt i pëlqimit.",
            ],
        },
        Lang::Sr => Words {
            title: "Сагласност за обраду личних података у сврхе директног маркетинга и унапређења услуга",
            controller: format!(
                "Руковалац подацима: IPKO Telecommunications д.о.о., улица „Зија Шемсију“ бр. 34, насеље Улпијана, Приштина, Косово, {CONTROLLER_WEBSITE}, {CONTROLLER_EMAIL}. Службеник за заштиту података: {DPO_EMAIL}."
            ),
            intro: "Како бисмо вам пружили најбоље услуге, IPKO ће ваше личне податке користити у сврхе директног маркетинга само уз вашу сагласност.",
            only_for_consented_purposes: "У случају сагласности корисника, IPKO обрађује личне податке само у сврхе за које је корисник дао сагласност.",
            personalised_offers: "Персонализоване понуде обухватају опште понуде IPKO-а, које IPKO доставља корисницима када процени да би могле бити занимљиве одређеном кориснику, као и понуде прилагођене посебно сваком кориснику. IPKO обрађује податке ради аутоматизованог одлучивања о томе да ли је одређена понуда занимљива одређеном кориснику, као и ради профилисања/сегментације корисника (нпр. на основу демографских и социографских података и података о понашању, као и других критеријума и фактора, као што су пол, старост, место становања, учесталост коришћења услуга, врста и време коришћења услуга, веб-сајтова и апликација, раније куповне навике, локација или онлајн идентификација), на основу чега IPKO доставља понуде кориснику.",
            channels_basis: "На основу сагласности, IPKO може кориснику достављати информације и понуде путем свих комуникационих канала наведених у сагласности, за које су подаци доступни у оквиру уговорног односа који је предмет сагласности корисника.",
            choose: "Можете изабрати да вас контактирамо ради:",
            channels: "Канали",
            no_channels: "ниједан – нико вас не контактира у ову сврху, а сврху бирате у целини.",
            separately: "Сваки избор доносите засебно: за сваку сврху и за сваки њен канал.",
            how_long_heading: "Колико дуго",
            how_long: "Ако клијент да сагласност за обраду података у одређену сврху и не повуче је, IPKO може – у обиму који је у складу с прописима – обрађивати личне податке у ту сврху још две године након престанка уговорног односа за који је сагласност дата.",
            withdraw_heading: "Повлачење сагласности",
            withdraw: [
                "У случајевима када се обрада личних података заснива на сагласности, корисник може у сваком тренутку повући своју сагласност.",
                "Корисници могу повући сагласност слањем писаног захтева на адресу: IPKO TELECOMMUNICATIONS д.о.о., улица „Зија Шемсију“ бр. 34, насеље Улпијана, Приштина, info@ipko.com; подношењем писаног захтева на продајним местима IPKO-а; слањем захтева е-поштом на: info@ipko.com; или позивом на +38349/700700.",
                "У случајевима када се сагласност прикупља путем услуга електронских комуникација или информационих услуга (нпр. SMS поруке, апликације) и када је то прикладно, корисници могу повући сагласност и путем тих комуникационих канала.",
                "У случају повлачења сагласности, IPKO престаје да обрађује податке прикупљене на основу те сагласности и/или их више не обрађује у сврху која је била предмет сагласности.",
            ],
        },
    }
}

/// The older policy's invitation to each choice and the consent text itself. English quotes the
/// policy (the consent text is the protocol's `policy_text()`, verbatim); the other languages
/// translate it.
fn purpose_text(lang: Lang, purpose: ConsentPurpose) -> (&'static str, &'static str) {
    use ConsentPurpose as P;
    match (lang, purpose) {
        (Lang::En, P::CurrentOffers) => (
            "Choose to be informed when we introduce new mobile phones, packages or services to all our clients.",
            purpose.policy_text(),
        ),
        (Lang::En, P::OffersJustForMe) => (
            "Choose to be informed when we introduce new mobile phones, packages or services tailored to your needs.",
            purpose.policy_text(),
        ),
        (Lang::En, P::OfferInPersonAtHome) => (
            "Choose if you want us to advise you in person at home when, for example, expanding our network at your location.",
            purpose.policy_text(),
        ),
        (Lang::En, P::HelpUsBeBetter) => (
            "Choose to help us. Based on information about how and what services you use, we will be able to improve our offer.",
            purpose.policy_text(),
        ),
        (Lang::Sq, P::CurrentOffers) => (
            "Zgjidhni të informoheni kur prezantojmë telefona celularë, pako ose shërbime të reja për të gjithë klientët tanë.",
            "Me këtë ju pajtoheni të informoheni për risitë dhe ofertat e përgjithshme të IPKO Telecommunications SH.P.K. përmes SMS/MMS, e-mailit, postës së zakonshme, thirrjeve/video-thirrjeve, televizionit, platformave multimediale, aplikacioneve, faqeve të internetit të kompanisë dhe rrjeteve sociale, dhe njëkohësisht i lejoni IPKO Telecommunications SH.P.K. të përpunojë të dhënat tuaja për qëllime të marketingut të drejtpërdrejtë të mallrave dhe shërbimeve.",
        ),
        (Lang::Sq, P::OffersJustForMe) => (
            "Zgjidhni të informoheni kur prezantojmë telefona celularë, pako ose shërbime të reja të përshtatura për nevojat tuaja.",
            "Ju pajtoheni se dëshironi të informoheni për përfitimet dhe ofertat e përshtatura personalisht për ju dhe i lejoni IPKO Telecommunications SH.P.K. të përpunojë për këtë qëllim të dhënat tuaja, të dhënat për përdorimin e shërbimeve të kompanisë, të faqeve të saj të internetit dhe aplikacioneve, rrjeteve sociale, Programit të Besnikërisë, si dhe të dhënat e trafikut dhe të vendndodhjes nga kjo marrëdhënie kontraktuale. Të dhënat mund të përpunohen për përgatitjen dhe dërgimin e ofertave të përshtatura personalisht përmes SMS/MMS, e-mailit, postës tradicionale, thirrjeve/video-thirrjeve, rrjeteve sociale, televizionit, platformave multimediale, aplikacioneve dhe faqeve të internetit të kompanisë.",
        ),
        (Lang::Sq, P::OfferInPersonAtHome) => (
            "Zgjidhni nëse dëshironi që t’ju këshillojmë personalisht në shtëpi, për shembull kur zgjerojmë rrjetin tonë në vendbanimin tuaj.",
            "Me këtë ju pajtoheni që një agjent i IPKO Telecommunications SH.P.K. t’ju vizitojë në shtëpi dhe t’ju paraqesë një ofertë të përshtatur personalisht për ju. Për këtë qëllim ju jepni pëlqimin për përdorimin e të dhënave tuaja, të të dhënave për përdorimin e shërbimeve, përfshirë të dhënat e trafikut dhe të vendndodhjes në kuadër të kësaj marrëdhënieje kontraktuale.",
        ),
        (Lang::Sq, P::HelpUsBeBetter) => (
            "Zgjidhni të na ndihmoni. Në bazë të informacionit se si dhe cilat shërbime përdorni, do të mund ta përmirësojmë ofertën tonë.",
            "Meqë dëshironi të kontribuoni në zhvillimin e shërbimeve dhe në një përvojë edhe më të mirë të përdoruesit, ju pajtoheni që IPKO Telecommunications SH.P.K. të përpunojë të dhënat tuaja, të dhënat për përdorimin e shërbimeve të kompanisë, të faqeve të saj të internetit dhe aplikacioneve, rrjeteve sociale, Programit të Besnikërisë dhe të dhënat e trafikut dhe të vendndodhjes nga kjo marrëdhënie kontraktuale. Kompania mund t’i analizojë të dhënat tuaja, përfshirë segmentimin dhe profilizimin, me qëllim të zhvillimit të shërbimeve dhe të përgatitjes së një oferte moderne komunikimi (për shembull planifikimi dhe zhvillimi i shërbimeve dhe aplikacioneve, vlerësimi i tregut, matja e performancës së shitjeve, matja e performancës së aktiviteteve të marketingut, aktivitetet për përmirësimin e përvojës së përdoruesit dhe shërbime cilësore).",
        ),
        (Lang::Sr, P::CurrentOffers) => (
            "Изаберите да будете обавештени када свим нашим клијентима представимо нове мобилне телефоне, пакете или услуге.",
            "Овим пристајете да будете обавештавани о новостима и општим понудама IPKO Telecommunications д.о.о. путем SMS/MMS порука, е-поште, обичне поште, позива/видео-позива, телевизије, мултимедијалних платформи, апликација, веб-сајтова компаније и друштвених мрежа, а истовремено дозвољавате IPKO Telecommunications д.о.о. да обрађује ваше податке у сврхе директног маркетинга робе и услуга.",
        ),
        (Lang::Sr, P::OffersJustForMe) => (
            "Изаберите да будете обавештени када представимо нове мобилне телефоне, пакете или услуге прилагођене вашим потребама.",
            "Пристајете да желите да будете обавештавани о погодностима и понудама прилагођеним лично вама и дозвољавате IPKO Telecommunications д.о.о. да у ту сврху обрађује ваше податке, податке о коришћењу услуга компаније, њених веб-сајтова и апликација, друштвених мрежа, Програма лојалности, као и податке о саобраћају и локацији из овог уговорног односа. Подаци се могу обрађивати ради припреме и слања лично прилагођених понуда путем SMS/MMS порука, е-поште, традиционалне поште, позива/видео-позива, друштвених мрежа, телевизије, мултимедијалних платформи, апликација и веб-сајтова компаније.",
        ),
        (Lang::Sr, P::OfferInPersonAtHome) => (
            "Изаберите да ли желите да вас лично саветујемо код куће, на пример када проширујемо нашу мрежу на вашој локацији.",
            "Овим пристајете да вас агент IPKO Telecommunications д.о.о. посети код куће и представи вам понуду прилагођену лично вама. У ту сврху пристајете на коришћење ваших података и података о коришћењу услуга, укључујући податке о саобраћају и локацији из овог уговорног односа.",
        ),
        (Lang::Sr, P::HelpUsBeBetter) => (
            "Изаберите да нам помогнете. На основу информација о томе како и које услуге користите, моћи ћемо да побољшамо нашу понуду.",
            "Будући да желите да допринесете развоју услуга и још бољем корисничком искуству, пристајете да IPKO Telecommunications д.о.о. обрађује ваше податке, податке о коришћењу услуга компаније, њених веб-сајтова и апликација, друштвених мрежа, Програма лојалности и податке о саобраћају и локацији из овог уговорног односа. Компанија може анализирати ваше податке, укључујући сегментацију и профилисање, ради развоја услуга и припреме савремене комуникационе понуде (на пример планирање и развој услуга и апликација, процена тржишта, мерење продајног учинка, мерење учинка маркетиншких активности, активности за побољшање корисничког искуства и квалитетне услуге).",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice_in(lang: Lang) -> DemoNotice {
        notice(lang)
    }

    #[test]
    fn every_language_names_every_purpose_and_channel_as_the_screens_do() {
        for lang in Lang::ALL {
            let n = notice_in(lang);
            assert!(!n.title.trim().is_empty());
            for purpose in ConsentPurpose::ALL {
                assert!(
                    n.text.contains(purpose.label().get(lang)),
                    "{lang}: {purpose:?}"
                );
                for channel in purpose.channels() {
                    assert!(
                        n.text.contains(channel.label().get(lang)),
                        "{lang}: {channel:?}"
                    );
                }
            }
            assert!(n.text.contains("+38349/700700") && n.text.contains("info@ipko.com"));
            // The notice is IPKO's own text: the demo's marking belongs to the screens around it
            // ("demografike" and "demographic" are fine).
            let words: Vec<String> = n
                .text
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect();
            for marker in ["demo", "fictional"] {
                assert!(
                    !words.iter().any(|w| w == marker),
                    "{lang}: says {marker:?}"
                );
            }
            assert!(
                !n.text.contains("  "),
                "{lang}: no double spaces from the policy's typesetting"
            );
        }
    }

    #[test]
    fn english_quotes_the_policy() {
        let n = notice_in(Lang::En);
        assert!(n.text.contains(
            "IPKO will use your personal information for direct marketing purposes only upon your consent"
        ));
        for purpose in ConsentPurpose::ALL {
            assert!(n.text.contains(purpose.policy_text()), "{purpose:?}");
        }
        assert!(n
            .text
            .contains("the user may withdraw their consent at any given time"));
    }

    #[test]
    fn albanian_and_serbian_carry_the_same_structure() {
        let en = notice_in(Lang::En);
        let sq = notice_in(Lang::Sq);
        let sr = notice_in(Lang::Sr);
        let paragraphs = |t: &str| t.split("\n\n").count();
        assert_eq!(paragraphs(&en.text), paragraphs(&sq.text));
        assert_eq!(paragraphs(&en.text), paragraphs(&sr.text));
        assert!(sq.text.contains("vetëm me pëlqimin tuaj"));
        assert!(sr.text.contains("само уз вашу сагласност"));
        // A translation is not much shorter than what it translates: nothing left out.
        for other in [&sq, &sr] {
            assert!(other.text.chars().count() * 10 > en.text.chars().count() * 9);
        }
    }

    #[test]
    fn serbian_is_written_in_cyrillic() {
        let sr = notice_in(Lang::Sr);
        // Latin letters may appear only in names, addresses and abbreviations that are written in
        // Latin script everywhere.
        let mut rest = format!("{}\n{}", sr.title, sr.text);
        for latin in [
            "IPKO TELECOMMUNICATIONS",
            "IPKO Telecommunications",
            "IPKO",
            "www.ipko.com",
            "ipkoprivacy@ipko.com",
            "info@ipko.com",
            "SMS/MMS",
            "SMS",
        ] {
            rest = rest.replace(latin, "");
        }
        let stray: String = rest.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        assert!(
            stray.is_empty(),
            "Latin letters in the Serbian notice: {stray}"
        );
    }
}
