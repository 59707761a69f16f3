//! The services a demo customer has, each with the records IPKO keeps about it: mobile lines with
//! their SIMs and handsets, home internet with its addresses and home network, television, fixed
//! lines, online orders, complaints and calls to the call centre.

use chrono::{DateTime, Datelike, Months, TimeDelta, Utc};
use protocol::policy::DataCategory;

use super::builder::{add_to_bill, unique_email, Builder};
use super::ids;
use super::names;
use super::records::{self, Rec};

/// How long a call-centre recording is kept. The policy names no period for recordings; six months is
/// the demo's assumption, and the demo lists only calls whose recording still exists.
const RECORDING_MONTHS: u32 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tv {
    Dtv,
    Tvim,
}

impl Builder<'_> {
    /// An IPKO mobile line with its SIM and handset; postpaid lines are billed monthly.
    pub(super) fn mobile_line(&mut self, postpaid: bool) {
        let msisdn = self
            .ctx
            .unique
            .take(&mut self.rng, |r| ids::msisdn(r, &["49"]));
        let activated = self.activation(30);
        let (plan, price) = if postpaid {
            self.rng.pick(names::MOBILE_POSTPAID)
        } else {
            (self.rng.pick(names::MOBILE_PREPAID), 0)
        };
        let payment = if postpaid { "postpaid" } else { "prepaid" };
        self.push(
            DataCategory::MobileServices,
            Rec::new("subscription", Some(activated))
                .field("msisdn", msisdn.clone())
                .field("tariff_plan", plan)
                .field("payment_type", payment)
                .field("activated_on", records::date(activated.date_naive()))
                .done(),
        );
        let (model, tac) = self.rng.pick(names::PHONES);
        let imei = self.ctx.unique.take(&mut self.rng, |r| ids::imei(r, tac));
        let sim = self.ctx.unique.take(&mut self.rng, ids::iccid);
        let seen = self.between(activated, self.ctx.as_of - TimeDelta::days(2));
        self.push(
            DataCategory::MobileServices,
            Rec::new("device", Some(seen))
                .field("msisdn", msisdn.clone())
                .field("imei", imei)
                .field("sim_serial", sim)
                .field("model", model)
                .done(),
        );
        if postpaid {
            add_to_bill(
                &mut self.mobile_bill,
                DataCategory::MobileServices,
                format!("mobile {msisdn}"),
                price,
                activated.date_naive(),
            );
        }
        self.lines.push(msisdn.clone());
        self.customer.summary.msisdns.push(msisdn);
    }

    /// A contact number with another operator, given when the customer signed up.
    pub(super) fn contact_number(&mut self) {
        let number = self
            .ctx
            .unique
            .take(&mut self.rng, |r| ids::msisdn(r, &["44", "45"]));
        self.customer.summary.msisdns.push(number);
    }

    /// Home or office internet with its modem, the addresses it was given and the network behind it.
    pub(super) fn home_internet(&mut self, business: bool) {
        let (modem, technology, serial_prefix) = loop {
            let modem = self.rng.pick(names::MODEMS);
            // Business lines are fibre only.
            if !business || modem.1 == "ftth" {
                break modem;
            }
        };
        let (package, price) = if business {
            ("Business Fiber 500 Mbps", 5900)
        } else if technology == "ftth" {
            self.rng.pick(names::INTERNET_FTTH)
        } else {
            self.rng.pick(names::INTERNET_DOCSIS)
        };
        let activated = self.activation(60);
        let address = self.customer.summary.address.clone();
        self.push(
            DataCategory::Internet,
            Rec::new("internet_subscription", Some(activated))
                .field("package", package)
                .field("access_technology", technology)
                .field("installation_address", address)
                .field("activated_on", records::date(activated.date_naive()))
                .done(),
        );
        let login = self.user_name();
        self.push(
            DataCategory::Internet,
            Rec::new("username", Some(activated))
                .field("username", login)
                .field("service", "pppoe")
                .field("created_on", records::date(activated.date_naive()))
                .done(),
        );
        self.ip_addresses(activated);
        if self.rng.chance(25) && !business {
            let mailbox = unique_email(
                self.ctx,
                &mut self.rng,
                &self.customer.summary.first_name,
                &self.customer.summary.last_name,
                "example.org",
                None,
            );
            let created = self.between(activated, self.ctx.as_of - TimeDelta::days(1));
            self.push(
                DataCategory::Internet,
                Rec::new("email_account", Some(created))
                    .field("email_address", mailbox)
                    .field("created_on", records::date(created.date_naive()))
                    .done(),
            );
        }
        self.network(modem, serial_prefix, activated);
        add_to_bill(
            &mut self.home_bill,
            DataCategory::Internet,
            "internet".to_owned(),
            price,
            activated.date_naive(),
        );
    }

    fn user_name(&mut self) -> String {
        let first = names::ascii_fold(&self.customer.summary.first_name);
        let last = names::ascii_fold(&self.customer.summary.last_name);
        let initial: String = first.chars().take(1).collect();
        self.ctx
            .unique
            .take(&mut self.rng, |r| format!("{initial}{last}{}", r.digits(2)))
    }

    /// The public addresses the connection had since `activated` (within the last year at most): the
    /// current and, for an older connection, the previous IPv4 address, and the IPv6 prefix, all from
    /// the documentation ranges.
    fn ip_addresses(&mut self, activated: DateTime<Utc>) {
        let as_of = self.ctx.as_of;
        let location = self.town.area(self.home_cell);
        let current_since = self.between(
            activated.max(as_of - TimeDelta::days(45)),
            as_of - TimeDelta::hours(6),
        );
        let v6_since = self.between(activated.max(as_of - TimeDelta::days(300)), current_since);
        let mut addresses = Vec::new();
        if current_since - activated > TimeDelta::days(2) {
            let previous_since = self.between(
                activated.max(as_of - TimeDelta::days(200)),
                current_since - TimeDelta::days(1),
            );
            addresses.push((
                ids::public_ipv4(&mut self.rng),
                previous_since,
                Some(current_since),
            ));
        }
        addresses.push((ids::ipv6_prefix(&mut self.rng), v6_since, None));
        addresses.push((ids::public_ipv4(&mut self.rng), current_since, None));
        for (ip, assigned, released) in addresses {
            self.push(
                DataCategory::Internet,
                Rec::new("ip_address", Some(assigned))
                    .field("ip_address", ip)
                    .field("location", location.clone())
                    .field("assigned_at", records::moment(assigned))
                    .opt("released_at", released.map(records::moment))
                    .done(),
            );
        }
    }

    /// The modem's settings and the devices behind it, as IPKO stores them for support.
    fn network(&mut self, modem: &str, serial_prefix: &str, installed: DateTime<Utc>) {
        let lan = self.rng.pick(names::LAN_PREFIXES);
        let dhcp = self.rng.chance(92);
        let serial = format!("{serial_prefix}{}", self.rng.chars("0123456789ABCDEF", 8));
        let wan_mac = ids::mac(&mut self.rng);
        let dmz = self
            .rng
            .chance(8)
            .then(|| format!("{lan}.{}", self.rng.range(50, 59)));
        let checked = self.days_ago(1, 20);
        self.push(
            DataCategory::NetworkDevices,
            Rec::new("network_device", Some(checked))
                .field("modem_model", modem)
                .field("modem_serial", serial)
                .field("wan_mac_address", wan_mac)
                .field("lan_ip", format!("{lan}.1"))
                .field("dhcp_server", if dhcp { "enabled" } else { "disabled" })
                .opt("dhcp_range", dhcp.then(|| format!("{lan}.100-{lan}.199")))
                .opt("dmz_host", dmz)
                .field("installed_on", records::date(installed.date_naive()))
                .done(),
        );
        // A few devices keep a fixed address, and some of those are reachable from outside.
        let mut servers = Vec::new();
        if self.rng.chance(35) {
            for i in 0..self.rng.range(1, 2) {
                let (name, protocol, external, internal) = self.rng.pick(names::SERVER_DEVICES);
                let ip = format!("{lan}.{}", 20 + i);
                let mac = ids::mac(&mut self.rng);
                self.push(
                    DataCategory::NetworkDevices,
                    Rec::new("dhcp_reservation", Some(checked))
                        .field("mac_address", mac.clone())
                        .field("ip_address", ip.clone())
                        .field("device_name", name)
                        .done(),
                );
                if self.rng.chance(60) {
                    self.push(
                        DataCategory::NetworkDevices,
                        Rec::new("port_forwarding", Some(checked))
                            .field("protocol", protocol)
                            .field("external_port", external.to_string())
                            .field("internal_ip", ip.clone())
                            .field("internal_port", internal.to_string())
                            .field("device_name", name)
                            .done(),
                    );
                }
                servers.push((name.to_owned(), mac, ip));
            }
        }
        let owner = names::ascii_fold(&self.customer.summary.first_name);
        let mut devices = servers;
        let mut others: Vec<&str> = names::HOME_DEVICES.to_vec();
        for i in 0..self.rng.range(2, 6) {
            let name = if i == 0 {
                // People name their own phone: personal data of its own kind.
                let mut capitalised = owner.clone();
                if let Some(first) = capitalised.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                format!("{capitalised}-phone")
            } else {
                let pick = self.rng.index(others.len());
                if pick < others.len() {
                    others.swap_remove(pick).to_owned()
                } else {
                    "Device".to_owned()
                }
            };
            let mac = ids::mac(&mut self.rng);
            devices.push((name, mac, format!("{lan}.{}", 100 + i)));
        }
        for (name, mac, ip) in devices {
            let connection =
                self.rng
                    .pick(&["ethernet", "wifi_2_4_ghz", "wifi_5_ghz", "wifi_5_ghz"]);
            let last_seen = self.between(
                self.ctx.as_of - TimeDelta::days(3),
                self.ctx.as_of - TimeDelta::minutes(5),
            );
            self.push(
                DataCategory::NetworkDevices,
                Rec::new("connected_device", Some(last_seen))
                    .field("device_name", name)
                    .field("mac_address", mac)
                    .field("ip_address", ip)
                    .field("connection", connection)
                    .field("last_seen", records::moment(last_seen))
                    .done(),
            );
        }
    }

    pub(super) fn tv(&mut self, platform: Tv) {
        let (package, price) = match platform {
            Tv::Dtv => self.rng.pick(names::TV_DTV),
            Tv::Tvim => self.rng.pick(names::TV_TVIM),
        };
        let activated = self.activation(45);
        let box_id = self.ctx.unique.take(&mut self.rng, |r| {
            format!("STB-{}", r.chars("0123456789ABCDEF", 12))
        });
        let app_login = (platform == Tv::Tvim).then(|| self.user_name());
        let name = match platform {
            Tv::Dtv => "DTV",
            Tv::Tvim => "TVIM",
        };
        self.push(
            DataCategory::Television,
            Rec::new("tv_subscription", Some(activated))
                .field("platform", name)
                .field("package", package)
                .field("set_top_box_id", box_id)
                .opt("app_username", app_login)
                .field("activated_on", records::date(activated.date_naive()))
                .done(),
        );
        add_to_bill(
            &mut self.home_bill,
            DataCategory::Television,
            name.to_owned(),
            price,
            activated.date_naive(),
        );
    }

    pub(super) fn fixed_line(&mut self) {
        let area = self.town.fixed_area;
        let digits = 8usize.saturating_sub(area.len());
        let number = self
            .ctx
            .unique
            .take(&mut self.rng, |r| format!("+383{area}{}", r.digits(digits)));
        let (package, price) = self.rng.pick(names::FIXED);
        let activated = self.activation(45);
        self.push(
            DataCategory::FixedTelephony,
            Rec::new("fixed_line", Some(activated))
                .field("phone_number", number.clone())
                .field("package", package)
                .field("activated_on", records::date(activated.date_naive()))
                .done(),
        );
        add_to_bill(
            &mut self.home_bill,
            DataCategory::FixedTelephony,
            format!("fixed line {number}"),
            price,
            activated.date_naive(),
        );
    }

    pub(super) fn online_orders(&mut self, count: u64) {
        for _ in 0..count {
            let at = self.days_ago(5, 700);
            let channel = self.rng.pick(&["website", "app"]);
            let mut items = Vec::new();
            let mut cents = 0;
            for _ in 0..self.rng.range(1, 2) {
                let (item, price) = self.rng.pick(names::SHOP_ITEMS);
                items.push(item);
                cents += price;
            }
            let delivery = self.rng.pick(&["courier", "store_pickup"]);
            let status = if self.rng.chance(90) {
                "delivered"
            } else {
                "cancelled"
            };
            let year = at.year();
            let number = self
                .ctx
                .unique
                .take(&mut self.rng, |r| format!("ORD-{year}-{}", r.digits(6)));
            self.push(
                DataCategory::OnlinePurchases,
                Rec::new("online_order", Some(at))
                    .field("order_number", number)
                    .field("ordered_at", records::moment(at))
                    .field("channel", channel)
                    .field("items", items.join("; "))
                    .field("amount_eur", records::eur(cents))
                    .field("delivery", delivery)
                    .field("status", status)
                    .done(),
            );
        }
    }

    /// Complaints through IPKO's channels; a recent one raised by phone also left a call-centre call.
    pub(super) fn complaints(&mut self, count: u64) {
        for _ in 0..count {
            let received = self.days_ago(3, 600);
            let channel = self.rng.pick(&[
                "email",
                "social_network",
                "store",
                "call_centre",
                "web_form",
            ]);
            let topic = self.rng.pick(names::COMPLAINT_TOPICS);
            let year = received.year();
            let reference = self
                .ctx
                .unique
                .take(&mut self.rng, |r| format!("K-{year}-{}", r.digits(5)));
            let age = (self.ctx.as_of - received).num_days();
            let resolved = (age > 14).then(|| {
                let days = self.rng.range_i64(1, 10);
                records::date((received + TimeDelta::days(days)).date_naive())
            });
            let status = if resolved.is_some() {
                "resolved"
            } else {
                "in_progress"
            };
            self.push(
                DataCategory::ComplaintsRequests,
                Rec::new("complaint", Some(received))
                    .field("reference", reference.clone())
                    .field("received_at", records::moment(received))
                    .field("channel", channel)
                    .field("topic", topic)
                    .field("status", status)
                    .opt("resolved_on", resolved)
                    .done(),
            );
            if age < 170 && (channel == "call_centre" || self.rng.chance(40)) {
                let called = if channel == "call_centre" {
                    received
                } else {
                    self.between(received, self.ctx.as_of - TimeDelta::hours(2))
                };
                self.call_centre_call(called, topic, Some(reference));
            }
        }
    }

    /// Calls to the call centre that were not complaints, within the recordings' lifetime.
    pub(super) fn enquiries(&mut self, count: u64) {
        for _ in 0..count {
            let called = self.days_ago(1, 170);
            let topic = self.rng.pick(names::CALL_TOPICS);
            self.call_centre_call(called, topic, None);
        }
    }

    fn call_centre_call(&mut self, called: DateTime<Utc>, topic: &str, complaint: Option<String>) {
        let numbers = &self.customer.summary.msisdns;
        let from = numbers.get(self.rng.index(numbers.len())).cloned();
        let kept_until = called
            .checked_add_months(Months::new(RECORDING_MONTHS))
            .unwrap_or(called);
        let seconds = self.rng.range(60, 1500);
        self.push(
            DataCategory::CallCentreCalls,
            Rec::new("call_centre_call", Some(called))
                .field("called_at", records::moment(called))
                .opt("calling_number", from)
                .field("duration_seconds", seconds.to_string())
                .field("topic", topic)
                .opt("complaint_reference", complaint)
                .field(
                    "recording_kept_until",
                    records::date(kept_until.date_naive()),
                )
                .done(),
        );
    }
}
