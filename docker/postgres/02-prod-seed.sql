-- The demo production database `prod`: a small table of fake people. Every value was made up by Faker
-- (cards are Luhn-valid, IBANs pass mod-97, emails are on example.* domains) so that Maskline's detectors
-- find them. Runs once, after 01-databases.sh, when the PostgreSQL volume is empty.
\connect prod

CREATE SCHEMA crm;

CREATE TABLE crm.customers (
    id          bigint PRIMARY KEY,
    full_name   text NOT NULL,
    email       text NOT NULL,
    phone       text,
    ssn         text,
    card_number text,
    iban        text,
    birth_date  date,
    address     text,
    signup_ip   text,
    plan        text NOT NULL,
    notes       text,
    created_at  timestamp NOT NULL
);

INSERT INTO crm.customers VALUES
    (1, 'Benjamin Green', 'benjamin.green@example.org', '(206) 604-0791', '764-27-0669', '2268224634127020', 'DE95277265681811740353', '1983-08-17', '00789 Wells Bypass Apt. 738, South Sheena, GU 20789', '180.103.34.56', 'pro', 'Called about billing; asked us to email benjamin.green@example.org instead of calling (206) 604-0791.', '2025-02-14 13:04:00'),
    (2, 'Stephen Snow', 'stephen.snow@example.com', '(212) 764-6955', '886-86-9825', '4881412517291103', 'DE59432235563678462120', '1990-02-27', '5794 Alexander Rest, Danielfort, WV 70185', '217.124.124.93', 'enterprise', 'Called about billing; asked us to email stephen.snow@example.com instead of calling (212) 764-6955.', '2025-04-02 17:54:00'),
    (3, 'Gerald Perez', 'gerald.perez@example.com', '(303) 629-2363', '228-74-1278', '2251150940912087', 'FR2893857083934735714321785', '1965-11-26', '0449 Paul Hills, New Sarahmouth, OK 85411', '114.165.93.60', 'free', 'Refund sent to FR2893857083934735714321785 after duplicate charge.', '2025-10-21 06:23:00'),
    (4, 'Leslie Avery', 'leslie.avery@example.com', '(415) 929-1028', '533-37-4075', '4277778874620726', 'GB18WOXW31916751712390', '1999-11-12', 'Unit 7112 Box 8172, DPO AP 92929', '216.231.25.37', 'enterprise', 'Verified identity with SSN 533-37-4075 before resetting MFA.', '2025-08-19 14:23:00'),
    (5, 'Daniel Burch', 'daniel.burch@example.org', '+1 206-384-1341', '189-97-8237', '2249957884588607', 'NL47EVTL2892649699', '1980-04-20', '02221 Stephen Mountain, West Elizabeth, LA 94182', '176.42.185.29', 'enterprise', 'Verified identity with SSN 189-97-8237 before resetting MFA.', '2025-10-03 03:32:00'),
    (6, 'Jeanne Thomas', 'jeanne.thomas@example.org', '+1 206-975-2490', '044-60-0028', '5270646673841674', 'DE84962923203762980939', '1988-03-31', '584 Vincent Crossing Apt. 177, Transhire, FL 11377', '64.253.36.2', 'free', 'Refund sent to DE84962923203762980939 after duplicate charge.', '2025-10-26 10:21:00'),
    (7, 'Curtis Price', 'curtis.price@example.net', '+1 303-808-9501', '566-34-1279', '4976972364701336', 'DE77849585857601464368', '1985-04-27', '92436 Heather Coves, South James, MO 79161', '219.38.134.225', 'team', 'Prefers chat support. No open tickets.', '2025-12-22 02:03:00'),
    (8, 'Catherine Wilson', 'catherine.wilson@example.net', '+1 512-517-7301', '579-51-9460', '2583967772904190', 'NL35BXQR9826738210', '1986-01-27', '8117 Rodney Highway, West Benjamin, KY 59453', '155.21.117.220', 'free', 'Prefers chat support. No open tickets.', '2025-06-06 19:07:00'),
    (9, 'George Wilson', 'george.wilson@example.org', '(212) 423-4709', '899-78-2781', '2278354220764932', 'GB55BHDW29842696399315', '2006-09-27', 'Unit 1513 Box 4150, DPO AE 19179', '39.190.222.131', 'enterprise', 'Called about billing; asked us to email george.wilson@example.org instead of calling (212) 423-4709.', '2025-03-15 12:35:00'),
    (10, 'Keith Jones', 'keith.jones@example.org', '+1 206-640-4561', '135-35-6898', '2421113543795965', 'GB62GSGW98744387838407', '1977-06-09', '0852 Cesar Club, New Joseph, VA 56971', '206.228.6.2', 'pro', 'Keith Jones asked to update the card on file, last digits 5965.', '2025-02-06 04:14:00'),
    (11, 'Timothy Stewart', 'timothy.stewart@example.net', '(206) 212-7945', '548-76-2444', '2720162339808217', 'NL91WFTS7838827967', '1980-05-09', '18792 Anderson Ridge, East Josephberg, PW 12944', '1.197.174.8', 'free', 'Timothy Stewart asked to update the card on file, last digits 8217.', '2025-07-18 11:39:00'),
    (12, 'Benjamin Best', 'benjamin.best@example.net', '+1 303-328-0884', '898-52-8385', '2295326276774105', 'GB49EENQ41751147191640', '1957-01-07', '220 Rodriguez Parks, Mariestad, UT 63819', '67.143.131.72', 'enterprise', 'Prefers chat support. No open tickets.', '2025-02-16 20:25:00');

-- Maskline reads, and only reads, this schema.
GRANT USAGE ON SCHEMA crm TO maskline_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA crm TO maskline_reader;
