//! Why IPKO processes personal data: the legal bases, the purposes, and who receives the data from
//! which sources.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::lang::Label;

/// A legal basis, in the order of the older policy: "(a) To perform our contractual obligations …
/// (b) When you have provided your consent … (c) Fulfil our legal obligations … (d) to achieve our
/// legitimate interests … (e) to protect the vital interests … (f) when required to perform a task
/// carried out in the public interest."
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LegalBasis {
    Contract,
    Consent,
    LegalObligation,
    LegitimateInterest,
    VitalInterests,
    PublicInterest,
}

impl LegalBasis {
    pub const ALL: [LegalBasis; 6] = [
        LegalBasis::Contract,
        LegalBasis::Consent,
        LegalBasis::LegalObligation,
        LegalBasis::LegitimateInterest,
        LegalBasis::VitalInterests,
        LegalBasis::PublicInterest,
    ];

    pub fn label(self) -> Label {
        match self {
            LegalBasis::Contract => Label::new("Kontrata", "Contract", "Уговор"),
            LegalBasis::Consent => Label::new("Pëlqimi", "Consent", "Сагласност"),
            LegalBasis::LegalObligation => {
                Label::new("Detyrimi ligjor", "Legal obligation", "Законска обавеза")
            }
            LegalBasis::LegitimateInterest => Label::new(
                "Interesi legjitim",
                "Legitimate interest",
                "Легитимни интерес",
            ),
            LegalBasis::VitalInterests => {
                Label::new("Interesat jetikë", "Vital interests", "Витални интереси")
            }
            LegalBasis::PublicInterest => {
                Label::new("Interesi publik", "Public interest", "Јавни интерес")
            }
        }
    }

    pub fn policy_text(self) -> &'static str {
        match self {
            LegalBasis::Contract => "To perform our contractual obligations for you, for example to provide services, to ensure that bills are paid correctly.",
            LegalBasis::Consent => "When you have provided your consent for processing.",
            LegalBasis::LegalObligation => "Fulfil our legal obligations.",
            LegalBasis::LegitimateInterest => "To achieve our legitimate interests, for example to understand how you use our product services and to enable us to learn from this, which allows us to develop new products and services and personalize the service for you.",
            LegalBasis::VitalInterests => "To protect the vital interests of the data of the person concerned or another physical person.",
            LegalBasis::PublicInterest => "When required to perform a task carried out in the public interest.",
        }
    }
}

/// A purpose of processing. Contract and law come first, then the four consent choices of the older
/// policy, then the legitimate-interest purposes of the current one.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ProcessingPurpose {
    /// "IPKO uses the data to conclude agreements/contracts, and to fulfil contractual obligations".
    Contract,
    /// "IPKO also processes personal data in cases, stipulated by the law."
    LegalObligation,
    CurrentOffers,
    OffersJustForMe,
    OfferInPersonAtHome,
    HelpUsBeBetter,
    FraudPrevention,
    MarketingAnalyses,
    Surveys,
    RiskManagement,
    Analyses,
    AcquisitionOfConsents,
    NetworkDeviceData,
}

impl ProcessingPurpose {
    pub const ALL: [ProcessingPurpose; 13] = [
        ProcessingPurpose::Contract,
        ProcessingPurpose::LegalObligation,
        ProcessingPurpose::CurrentOffers,
        ProcessingPurpose::OffersJustForMe,
        ProcessingPurpose::OfferInPersonAtHome,
        ProcessingPurpose::HelpUsBeBetter,
        ProcessingPurpose::FraudPrevention,
        ProcessingPurpose::MarketingAnalyses,
        ProcessingPurpose::Surveys,
        ProcessingPurpose::RiskManagement,
        ProcessingPurpose::Analyses,
        ProcessingPurpose::AcquisitionOfConsents,
        ProcessingPurpose::NetworkDeviceData,
    ];

    pub fn label(self) -> Label {
        use ProcessingPurpose as P;
        match self {
            P::Contract => Label::new(
                "Lidhja dhe përmbushja e kontratës",
                "Concluding and performing the contract",
                "Закључење и извршење уговора",
            ),
            P::LegalObligation => {
                Label::new("Detyrimet ligjore", "Legal obligations", "Законске обавезе")
            }
            P::CurrentOffers => Label::new("Ofertat aktuale", "Current offers", "Актуелне понуде"),
            P::OffersJustForMe => Label::new(
                "Oferta vetëm për mua",
                "Offers just for me",
                "Понуде само за мене",
            ),
            P::OfferInPersonAtHome => Label::new(
                "Oferta e prezantuar personalisht në shtëpi",
                "Offer presented in person at home",
                "Понуда представљена лично код куће",
            ),
            P::HelpUsBeBetter => Label::new(
                "Na ndihmoni të jemi më të mirë",
                "Help us be better",
                "Помозите нам да будемо бољи",
            ),
            P::FraudPrevention => Label::new(
                "Parandalimi i mashtrimit",
                "Fraud prevention",
                "Спречавање превара",
            ),
            P::MarketingAnalyses => Label::new(
                "Analizat e marketingut",
                "Marketing analyses",
                "Маркетиншке анализе",
            ),
            P::Surveys => Label::new("Anketat", "Surveys", "Анкете"),
            P::RiskManagement => Label::new(
                "Menaxhimi i rrezikut",
                "Risk management",
                "Управљање ризиком",
            ),
            P::Analyses => Label::new("Analizat", "Analyses", "Анализе"),
            P::AcquisitionOfConsents => Label::new(
                "Marrja e pëlqimeve",
                "Acquisition of consents",
                "Прибављање сагласности",
            ),
            P::NetworkDeviceData => Label::new(
                "Të dhënat e pajisjeve të rrjetit",
                "Data on network devices/equipment",
                "Подаци о мрежним уређајима",
            ),
        }
    }

    /// The legal basis the policy gives the purpose.
    pub fn legal_basis(self) -> LegalBasis {
        use ProcessingPurpose as P;
        match self {
            P::Contract => LegalBasis::Contract,
            P::LegalObligation => LegalBasis::LegalObligation,
            P::CurrentOffers | P::OffersJustForMe | P::OfferInPersonAtHome | P::HelpUsBeBetter => {
                LegalBasis::Consent
            }
            P::FraudPrevention
            | P::MarketingAnalyses
            | P::Surveys
            | P::RiskManagement
            | P::Analyses
            | P::AcquisitionOfConsents
            | P::NetworkDeviceData => LegalBasis::LegitimateInterest,
        }
    }
}

/// The legitimate-interest purposes of the current policy, each of which a customer may object to:
/// "The user shall have the right to object and can, at any given time, object to the processing of
/// data for the above-specified purposes. In this case IPKO shall – if this is possible and if the
/// interests of IPKO do not prevail over the user’s interests, rights and freedoms – cease with the
/// processing of data for these purposes."
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LegitimateInterestPurpose {
    FraudPrevention,
    MarketingAnalyses,
    Surveys,
    RiskManagement,
    Analyses,
    AcquisitionOfConsents,
    NetworkDeviceData,
}

impl LegitimateInterestPurpose {
    pub const ALL: [LegitimateInterestPurpose; 7] = [
        LegitimateInterestPurpose::FraudPrevention,
        LegitimateInterestPurpose::MarketingAnalyses,
        LegitimateInterestPurpose::Surveys,
        LegitimateInterestPurpose::RiskManagement,
        LegitimateInterestPurpose::Analyses,
        LegitimateInterestPurpose::AcquisitionOfConsents,
        LegitimateInterestPurpose::NetworkDeviceData,
    ];

    pub fn purpose(self) -> ProcessingPurpose {
        use LegitimateInterestPurpose as L;
        use ProcessingPurpose as P;
        match self {
            L::FraudPrevention => P::FraudPrevention,
            L::MarketingAnalyses => P::MarketingAnalyses,
            L::Surveys => P::Surveys,
            L::RiskManagement => P::RiskManagement,
            L::Analyses => P::Analyses,
            L::AcquisitionOfConsents => P::AcquisitionOfConsents,
            L::NetworkDeviceData => P::NetworkDeviceData,
        }
    }

    pub fn label(self) -> Label {
        self.purpose().label()
    }

    /// Whether the policy says IPKO's interest normally prevails over an objection: only for fraud
    /// prevention, "As a rule, the legitimate interest of IPKO to prevent fraud always prevails over
    /// the interests, fundamental rights and freedoms of users."
    pub fn usually_prevails_over_objection(self) -> bool {
        self == LegitimateInterestPurpose::FraudPrevention
    }

    /// Whether the purpose may use traffic and location data without the customer's prior consent.
    /// Marketing analyses, risk management and analyses may not ("IPKO does not process traffic data,
    /// including information about connections or location data, unless it acquires relevant prior
    /// user’s consent"); fraud prevention does ("including traffic and location data").
    pub fn uses_traffic_without_consent(self) -> bool {
        self == LegitimateInterestPurpose::FraudPrevention
    }

    pub fn policy_text(self) -> &'static str {
        use LegitimateInterestPurpose as L;
        match self {
            L::FraudPrevention => "IPKO strives to prevent fraud and provide for security, consistency and continuous operation of IPKO’s networks and services. When processing data for the above-specified purposes IPKO shall process information about users and the use of IPKO’s services, including traffic and location data. As a rule, the legitimate interest of IPKO to prevent fraud always prevails over the interests, fundamental rights and freedoms of users.",
            L::MarketingAnalyses => "Pursuant to its legitimate interest and for direct marketing, IPKO also processes the data for segmentation and profiling of its users. However, in this case IPKO does not process traffic data, including information about connections or location data, unless it acquires relevant prior user’s consent.",
            L::Surveys => "Occasionally and when in contact with its users, IPKO can also send these users an invitation to complete a survey questionnaire and/or submit feedback and opinions about IPKO’s services and offers. In such cases, IPKO processes users’ contact information (phone number, email) and information about the contact.",
            L::RiskManagement => "In order to manage risks, IPKO can monitor the implementation of contractual relationships with its users, including the processing of data on the users and their use of IPKO’s services, while this data is used for segmentation and profiling of users. However, in this case IPKO shall not process traffic data, including information about connections or location data, unless it acquires relevant prior user’s consent.",
            L::Analyses => "IPKO holds a legitimate interest for the monitoring of contractual relationships and analyzing the use of services by its users. However, when doing so, IPKO shall not process traffic data, including information about connections or location data, unless it acquires relevant prior user’s consent, or if such data has been anonymized before that.",
            L::AcquisitionOfConsents => "IPKO has a legitimate interest to request their consent. In the process, IPKO shall process phone number(s), email address(es), name, surname and postal address, username, identifiers of the TV interface/app, and information on consents.",
            L::NetworkDeviceData => "Provision of high quality and fast service is possible only if IPKO stores these settings. IPKO uses this information to provide support and assistance to users, and during repair interventions on network devices/equipment.",
        }
    }
}

/// Who may receive personal data. Current policy: "Users of personal data include IPKO, IPKO suppliers,
/// IPKO’s contractual partners, and state bodies."
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    Ipko,
    /// Older policy: "We work with contractors to help us provide the services including in the field
    /// of analytics, marketing, advertising, validation of professional credentials, client service
    /// and salary payment services."
    Contractors,
    /// "IPKO may submit subscriber /user’s information to contractual partners, to whom IPKO assigned
    /// its claims against the subscriber/user."
    ContractualPartners,
    /// "Official bodies may acquire personal data from IPKO only in cases and pursuant to procedures,
    /// stipulated by the law."
    StateBodies,
}

impl Recipient {
    pub const ALL: [Recipient; 4] = [
        Recipient::Ipko,
        Recipient::Contractors,
        Recipient::ContractualPartners,
        Recipient::StateBodies,
    ];

    pub fn label(self) -> Label {
        match self {
            Recipient::Ipko => Label::new("IPKO", "IPKO", "IPKO"),
            Recipient::Contractors => Label::new(
                "Furnitorët dhe kontraktorët e IPKO-s",
                "IPKO's suppliers and contractors",
                "Добављачи и извођачи IPKO-а",
            ),
            Recipient::ContractualPartners => Label::new(
                "Partnerët kontraktualë të IPKO-s",
                "IPKO's contractual partners",
                "Уговорни партнери IPKO-а",
            ),
            Recipient::StateBodies => Label::new(
                "Organet shtetërore, sipas ligjit",
                "State bodies, as the law provides",
                "Државни органи, у складу са законом",
            ),
        }
    }
}

/// Where IPKO gets the data from. Current policy: "IPKO may acquire personal data either directly
/// from the user, or indirectly through the user’s use of a specific service. IPKO may also acquire
/// personal data from third parties".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DataSource {
    DataSubject,
    ServiceUse,
    /// "e.g. user’s employer or another user of IPKO, contractual partners who list individuals as
    /// contact persons, etc".
    ThirdParties,
    /// "IPKO may verify the veracity of personal data by checking a personal identification document
    /// and/or other official records of the subscriber/user".
    VerificationRecords,
    /// Business entities: "public announcements/notices of business entities, as well as from
    /// entries/publications in public databases".
    PublicSources,
}

impl DataSource {
    pub const ALL: [DataSource; 4] = [
        DataSource::DataSubject,
        DataSource::ServiceUse,
        DataSource::ThirdParties,
        DataSource::VerificationRecords,
    ];

    pub fn label(self) -> Label {
        match self {
            DataSource::DataSubject => Label::new(
                "Drejtpërdrejt nga ju",
                "Directly from you",
                "Директно од вас",
            ),
            DataSource::ServiceUse => Label::new(
                "Nga përdorimi i shërbimeve",
                "From your use of the services",
                "Из коришћења услуга",
            ),
            DataSource::ThirdParties => Label::new(
                "Nga palë të treta (p.sh. punëdhënësi)",
                "From third parties (e.g. an employer)",
                "Од трећих лица (нпр. послодавца)",
            ),
            DataSource::VerificationRecords => Label::new(
                "Nga dokumenti i identifikimit dhe regjistrat zyrtarë",
                "From identity documents and official records",
                "Из личних докумената и службених евиденција",
            ),
            DataSource::PublicSources => Label::new(
                "Nga burime publike",
                "From public sources",
                "Из јавних извора",
            ),
        }
    }
}
