//! The consent choices of the policy ("You may choose to be contacted for:") and their channels.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ProcessingPurpose;
use crate::lang::Label;

/// A purpose a customer can consent to. "IPKO will use your personal information for direct marketing
/// purposes only upon your consent." Current policy: "the user may withdraw their consent at any given
/// time."
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ConsentPurpose {
    /// "Choose to be informed when we introduce new mobile phones, packages or services to all our
    /// clients."
    CurrentOffers,
    /// "Choose to be informed when we introduce new mobile phones, packages or services tailored to
    /// your needs." Uses "traffic and location data from this contractual relationship" for profiling.
    OffersJustForMe,
    /// "Choose if you want us to advise you in person at home when, for example, expanding our network
    /// at your location."
    OfferInPersonAtHome,
    /// "Choose to help us. Based on information about how and what services you use, we will be able to
    /// improve our offer." Includes "segmentation and profiling".
    HelpUsBeBetter,
}

/// A channel through which IPKO may contact a customer who consented.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    SmsMms,
    Email,
    /// "regular mail" / "traditional mail".
    Mail,
    /// "calls/video calls".
    Calls,
    Television,
    MultimediaPlatforms,
    Applications,
    Websites,
    SocialNetworks,
    /// "IPKO Telecommunications LLC agent may visit you at home".
    HomeVisit,
}

/// Where a consent choice stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    Given,
    Refused,
    /// "In case a consent is withdrawn, IPKO shall cease to process data, collected based on the
    /// relevant consent, and/or shall no longer process them for the purpose, which was the subject of
    /// consent."
    Withdrawn,
}

const OFFER_CHANNELS: [Channel; 9] = [
    Channel::SmsMms,
    Channel::Email,
    Channel::Mail,
    Channel::Calls,
    Channel::Television,
    Channel::MultimediaPlatforms,
    Channel::Applications,
    Channel::Websites,
    Channel::SocialNetworks,
];

impl ConsentPurpose {
    pub const ALL: [ConsentPurpose; 4] = [
        ConsentPurpose::CurrentOffers,
        ConsentPurpose::OffersJustForMe,
        ConsentPurpose::OfferInPersonAtHome,
        ConsentPurpose::HelpUsBeBetter,
    ];

    pub fn purpose(self) -> ProcessingPurpose {
        match self {
            ConsentPurpose::CurrentOffers => ProcessingPurpose::CurrentOffers,
            ConsentPurpose::OffersJustForMe => ProcessingPurpose::OffersJustForMe,
            ConsentPurpose::OfferInPersonAtHome => ProcessingPurpose::OfferInPersonAtHome,
            ConsentPurpose::HelpUsBeBetter => ProcessingPurpose::HelpUsBeBetter,
        }
    }

    pub fn label(self) -> Label {
        self.purpose().label()
    }

    /// The channels the policy names for the purpose. Both offer purposes list the same nine ("via
    /// SMS/MMS, e-mail, regular mail, calls/video calls, television, multimedia platforms,
    /// applications, the company’s websites and social networks"); the home visit is its own channel;
    /// "Help us be better" contacts nobody, so its choice is made for the purpose as a whole (an empty
    /// list, and choices with no channel).
    pub fn channels(self) -> &'static [Channel] {
        match self {
            ConsentPurpose::CurrentOffers | ConsentPurpose::OffersJustForMe => &OFFER_CHANNELS,
            ConsentPurpose::OfferInPersonAtHome => &[Channel::HomeVisit],
            ConsentPurpose::HelpUsBeBetter => &[],
        }
    }

    /// Whether a choice for this purpose must name a channel, and which.
    pub fn accepts_channel(self, channel: Option<Channel>) -> bool {
        match channel {
            None => self.channels().is_empty(),
            Some(c) => self.channels().contains(&c),
        }
    }

    /// Whether the purpose uses traffic and location data for profiling: the kiosk must say so before
    /// the customer chooses.
    pub fn profiles_with_traffic_and_location(self) -> bool {
        !matches!(self, ConsentPurpose::CurrentOffers)
    }

    /// The policy's text of the consent the customer gives, in full.
    pub fn policy_text(self) -> &'static str {
        match self {
            ConsentPurpose::CurrentOffers => "You hereby agree to be informed about IPKO Telecommunications LLC’s news and general offers, via SMS/MMS, e-mail, regular mail, calls/video calls, television, multimedia platforms, applications, the company’s websites and social networks, at the same time and you allow IPKO Telecommunications LLC to process your data for the purposes of direct marketing of goods and services.",
            ConsentPurpose::OffersJustForMe => "You agree that you want to be informed about the benefits and offers that are tailored to you personally and allow IPKO Telecommunications LLC to process your data for this purpose, data on the use of the company’s services, its websites and applications, social networks, Loyalty Program, and also traffic and location data from this contractual relationship. The data can be processed for the preparation and transmission of personally tailored offers via SMS/MMS, e-mail, traditional mail, calls/video calls, social networks, television, multimedia platforms, applications and the company’s websites.",
            ConsentPurpose::OfferInPersonAtHome => "You hereby agree that IPKO Telecommunications LLC agent may visit you at home and present you with an offer tailored to you personally. You consent to the use of your data, service usage data, including traffic and location data under this contractual relationship for this purpose.",
            ConsentPurpose::HelpUsBeBetter => "Since you want to contribute to the development of services and an even better user experience, you agree that IPKO Telecommunications LLC may process your data, data on the use of the company’s services, its websites and applications, social networks, Loyalty Program and traffic and location data from this contractual relationship. The company may analyze your data, including segmentation and profiling, in order to develop services and prepare a modern communication offer (for example planning and development of services and applications, market evaluation, measuring sales performance, measuring the performance of marketing activities, activities to improve user experience and quality services).",
        }
    }
}

impl Channel {
    pub const ALL: [Channel; 10] = [
        Channel::SmsMms,
        Channel::Email,
        Channel::Mail,
        Channel::Calls,
        Channel::Television,
        Channel::MultimediaPlatforms,
        Channel::Applications,
        Channel::Websites,
        Channel::SocialNetworks,
        Channel::HomeVisit,
    ];

    pub fn label(self) -> Label {
        match self {
            Channel::SmsMms => Label::new("SMS/MMS", "SMS/MMS", "SMS/MMS"),
            Channel::Email => Label::new("E-mail", "E-mail", "Е-пошта"),
            Channel::Mail => Label::new("Posta e zakonshme", "Regular mail", "Обична пошта"),
            Channel::Calls => Label::new(
                "Thirrje/video-thirrje",
                "Calls/video calls",
                "Позиви/видео-позиви",
            ),
            Channel::Television => Label::new("Televizioni", "Television", "Телевизија"),
            Channel::MultimediaPlatforms => Label::new(
                "Platformat multimediale",
                "Multimedia platforms",
                "Мултимедијалне платформе",
            ),
            Channel::Applications => Label::new("Aplikacionet", "Applications", "Апликације"),
            Channel::Websites => Label::new(
                "Faqet e internetit të kompanisë",
                "The company's websites",
                "Веб-сајтови компаније",
            ),
            Channel::SocialNetworks => {
                Label::new("Rrjetet sociale", "Social networks", "Друштвене мреже")
            }
            Channel::HomeVisit => Label::new(
                "Vizitë e agjentit në shtëpi",
                "Agent's visit at home",
                "Посета агента код куће",
            ),
        }
    }
}

impl ConsentState {
    pub const ALL: [ConsentState; 3] = [
        ConsentState::Given,
        ConsentState::Refused,
        ConsentState::Withdrawn,
    ];

    pub fn label(self) -> Label {
        match self {
            ConsentState::Given => Label::new("Dhënë", "Given", "Дата"),
            ConsentState::Refused => Label::new("Refuzuar", "Refused", "Одбијена"),
            ConsentState::Withdrawn => Label::new("Tërhequr", "Withdrawn", "Повучена"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_channel_belongs_to_some_purpose_and_help_us_be_better_takes_none() {
        for channel in Channel::ALL {
            assert!(
                ConsentPurpose::ALL
                    .iter()
                    .any(|p| p.accepts_channel(Some(channel))),
                "{channel:?} is offered by no purpose"
            );
        }
        assert!(ConsentPurpose::HelpUsBeBetter.accepts_channel(None));
        assert!(!ConsentPurpose::HelpUsBeBetter.accepts_channel(Some(Channel::Email)));
        assert!(!ConsentPurpose::CurrentOffers.accepts_channel(None));
        assert!(!ConsentPurpose::CurrentOffers.accepts_channel(Some(Channel::HomeVisit)));
        assert!(ConsentPurpose::OfferInPersonAtHome.accepts_channel(Some(Channel::HomeVisit)));
    }

    #[test]
    fn only_current_offers_is_free_of_traffic_profiling() {
        let profiling: Vec<_> = ConsentPurpose::ALL
            .into_iter()
            .filter(|p| p.profiles_with_traffic_and_location())
            .collect();
        assert_eq!(profiling.len(), 3);
        assert!(!profiling.contains(&ConsentPurpose::CurrentOffers));
        for p in profiling {
            assert!(p.policy_text().contains("traffic and location data"));
        }
    }
}
