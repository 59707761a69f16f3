//! The categories of personal data IPKO collects, as the policy lists them, and how each is processed.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{DataSource, LegalBasis, ProcessingPurpose, Recipient, RetentionRule};
use crate::lang::Label;

/// A category of personal data. The list is the older policy's ("Personal data collected by IPKO
/// include the following"), plus the network device data that the current policy adds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DataCategory {
    /// "Name, surname, personal number, address, e-mail address, contact number".
    IdentityContact,
    /// "Data relating to mobile number and mobile phone services such as incoming-outgoing calls,
    /// incoming-outgoing messages(without textual content), IMEI number, number’s serial number,
    /// location of the call made-received, billing transactions concerning the respective service".
    MobileServices,
    /// "Internet-related data, such as email addresses, usernames, IP addresses, IP address locations".
    Internet,
    /// "Data relating to the DTV and TVIM services".
    Television,
    /// "Data relating to the fixed telephony service".
    FixedTelephony,
    /// "Data relating to IPKO applications for the purchase of online services as well as on IPKO’s
    /// official web site".
    OnlinePurchases,
    /// "Data relating to users’ Complaints/ requests addressed to IPKO through official channels of
    /// communication including but not limited to those via e-mail or social networks."
    ComplaintsRequests,
    /// "Calls made to IPKO’s Call Center on the occasion of submitting Complaints/Requests."
    CallCentreCalls,
    /// Current policy, "Data on network devices/equipment": "user’s network settings, i.e. including but
    /// not limited to: DHCP server, modem’s LAN IP, DHCP MAC-IP reservations, PortForwarding, DMZ
    /// settings, information about user’s devices and their mutual connections – physical MAC address,
    /// assigned IP address and device name".
    NetworkDevices,
}

/// How IPKO processes one category: every field is drawn from the policy's text.
#[derive(Debug, Clone, Copy)]
pub struct CategoryProcessing {
    pub purposes: &'static [ProcessingPurpose],
    pub legal_bases: &'static [LegalBasis],
    pub recipients: &'static [Recipient],
    pub sources: &'static [DataSource],
    pub retention: &'static [RetentionRule],
    /// Whether the category includes traffic and location data, which the policy shields: marketing
    /// analyses, risk management and analyses do "not process traffic data, including information
    /// about connections or location data, unless it acquires relevant prior user’s consent".
    pub traffic_and_location: bool,
}

use DataSource as S;
use LegalBasis as B;
use ProcessingPurpose as P;
use Recipient as R;
use RetentionRule as T;

const USUAL_RECIPIENTS: &[Recipient] = &[
    R::Ipko,
    R::Contractors,
    R::ContractualPartners,
    R::StateBodies,
];

impl DataCategory {
    pub const ALL: [DataCategory; 9] = [
        DataCategory::IdentityContact,
        DataCategory::MobileServices,
        DataCategory::Internet,
        DataCategory::Television,
        DataCategory::FixedTelephony,
        DataCategory::OnlinePurchases,
        DataCategory::ComplaintsRequests,
        DataCategory::CallCentreCalls,
        DataCategory::NetworkDevices,
    ];

    pub fn label(self) -> Label {
        match self {
            DataCategory::IdentityContact => Label::new(
                "Identiteti dhe kontakti",
                "Identity and contact",
                "Идентитет и контакт",
            ),
            DataCategory::MobileServices => {
                Label::new("Shërbimet mobile", "Mobile services", "Мобилне услуге")
            }
            DataCategory::Internet => Label::new("Interneti", "Internet", "Интернет"),
            DataCategory::Television => Label::new("DTV dhe TVIM", "DTV and TVIM", "DTV и TVIM"),
            DataCategory::FixedTelephony => {
                Label::new("Telefonia fikse", "Fixed telephony", "Фиксна телефонија")
            }
            DataCategory::OnlinePurchases => Label::new(
                "Blerjet në internet",
                "Online purchases",
                "Куповина на интернету",
            ),
            DataCategory::ComplaintsRequests => Label::new(
                "Ankesat dhe kërkesat",
                "Complaints and requests",
                "Жалбе и захтеви",
            ),
            DataCategory::CallCentreCalls => Label::new(
                "Thirrjet në qendrën e thirrjeve",
                "Call-centre calls",
                "Позиви позивном центру",
            ),
            DataCategory::NetworkDevices => {
                Label::new("Pajisjet e rrjetit", "Network devices", "Мрежни уређаји")
            }
        }
    }

    /// The policy's own words for the category (see the variants' documentation).
    pub fn policy_text(self) -> &'static str {
        match self {
            DataCategory::IdentityContact => {
                "Name, surname, personal number, address, e-mail address, contact number"
            }
            DataCategory::MobileServices => {
                "Data relating to mobile number and mobile phone services such as incoming-outgoing calls, incoming-outgoing messages (without textual content), IMEI number, number’s serial number, location of the call made-received, billing transactions concerning the respective service"
            }
            DataCategory::Internet => {
                "Internet-related data, such as email addresses, usernames, IP addresses, IP address locations"
            }
            DataCategory::Television => "Data relating to the DTV and TVIM services",
            DataCategory::FixedTelephony => "Data relating to the fixed telephony service",
            DataCategory::OnlinePurchases => {
                "Data relating to IPKO applications for the purchase of online services as well as on IPKO’s official web site"
            }
            DataCategory::ComplaintsRequests => {
                "Data relating to users’ Complaints/requests addressed to IPKO through official channels of communication including but not limited to those via e-mail or social networks"
            }
            DataCategory::CallCentreCalls => {
                "Calls made to IPKO’s Call Center on the occasion of submitting Complaints/Requests"
            }
            DataCategory::NetworkDevices => {
                "User’s network settings, i.e. including but not limited to: DHCP server, modem’s LAN IP, DHCP MAC-IP reservations, PortForwarding, DMZ settings, information about user’s devices and their mutual connections – physical MAC address, assigned IP address and device name"
            }
        }
    }

    /// Purposes, legal bases, recipients, sources and retention of the category, as the policy states
    /// them. Consent-based purposes appear only where the consent text names the data ("data on the use
    /// of the company’s services … and also traffic and location data").
    pub fn processing(self) -> CategoryProcessing {
        match self {
            DataCategory::IdentityContact => CategoryProcessing {
                purposes: &[
                    P::Contract,
                    P::LegalObligation,
                    P::FraudPrevention,
                    P::AcquisitionOfConsents,
                    P::Surveys,
                    P::CurrentOffers,
                    P::OffersJustForMe,
                    P::OfferInPersonAtHome,
                ],
                legal_bases: &[
                    B::Contract,
                    B::LegalObligation,
                    B::Consent,
                    B::LegitimateInterest,
                ],
                recipients: USUAL_RECIPIENTS,
                sources: &[S::DataSubject, S::ThirdParties, S::VerificationRecords],
                retention: &[
                    T::ContractTerm,
                    T::BillingAndUserDocuments,
                    T::RestrictAfterTermination,
                ],
                traffic_and_location: false,
            },
            DataCategory::MobileServices => CategoryProcessing {
                purposes: &[
                    P::Contract,
                    P::LegalObligation,
                    P::FraudPrevention,
                    P::RiskManagement,
                    P::Analyses,
                    P::OffersJustForMe,
                    P::OfferInPersonAtHome,
                    P::HelpUsBeBetter,
                ],
                legal_bases: &[
                    B::Contract,
                    B::LegalObligation,
                    B::Consent,
                    B::LegitimateInterest,
                ],
                recipients: USUAL_RECIPIENTS,
                sources: &[S::DataSubject, S::ServiceUse],
                retention: &[
                    T::TrafficAndLocation,
                    T::BillingAndUserDocuments,
                    T::ContractTerm,
                ],
                traffic_and_location: true,
            },
            DataCategory::Internet => CategoryProcessing {
                purposes: &[
                    P::Contract,
                    P::LegalObligation,
                    P::FraudPrevention,
                    P::Analyses,
                    P::OffersJustForMe,
                    P::HelpUsBeBetter,
                ],
                legal_bases: &[
                    B::Contract,
                    B::LegalObligation,
                    B::Consent,
                    B::LegitimateInterest,
                ],
                recipients: USUAL_RECIPIENTS,
                sources: &[S::DataSubject, S::ServiceUse],
                retention: &[T::TrafficAndLocation, T::ContractTerm],
                traffic_and_location: true,
            },
            DataCategory::Television | DataCategory::FixedTelephony => CategoryProcessing {
                purposes: &[
                    P::Contract,
                    P::LegalObligation,
                    P::FraudPrevention,
                    P::Analyses,
                    P::OffersJustForMe,
                    P::HelpUsBeBetter,
                ],
                legal_bases: &[
                    B::Contract,
                    B::LegalObligation,
                    B::Consent,
                    B::LegitimateInterest,
                ],
                recipients: USUAL_RECIPIENTS,
                sources: &[S::DataSubject, S::ServiceUse],
                retention: &[T::ContractTerm, T::BillingAndUserDocuments],
                traffic_and_location: self == DataCategory::FixedTelephony,
            },
            DataCategory::OnlinePurchases => CategoryProcessing {
                purposes: &[
                    P::Contract,
                    P::FraudPrevention,
                    P::MarketingAnalyses,
                    P::Analyses,
                    P::OffersJustForMe,
                    P::HelpUsBeBetter,
                ],
                legal_bases: &[B::Contract, B::Consent, B::LegitimateInterest],
                recipients: USUAL_RECIPIENTS,
                sources: &[S::DataSubject, S::ServiceUse],
                retention: &[T::ContractTerm, T::BillingAndUserDocuments],
                traffic_and_location: false,
            },
            DataCategory::ComplaintsRequests | DataCategory::CallCentreCalls => {
                CategoryProcessing {
                    purposes: &[P::Contract, P::LegalObligation, P::Surveys],
                    legal_bases: &[B::Contract, B::LegalObligation, B::LegitimateInterest],
                    recipients: &[R::Ipko, R::Contractors, R::StateBodies],
                    sources: &[S::DataSubject],
                    retention: &[T::ContractTerm, T::BillingAndUserDocuments],
                    traffic_and_location: false,
                }
            }
            DataCategory::NetworkDevices => CategoryProcessing {
                purposes: &[P::Contract, P::NetworkDeviceData],
                legal_bases: &[B::Contract, B::LegitimateInterest],
                recipients: &[R::Ipko, R::Contractors],
                sources: &[S::ServiceUse],
                retention: &[T::ContractTerm],
                traffic_and_location: false,
            },
        }
    }
}
