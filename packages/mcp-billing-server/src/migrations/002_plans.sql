-- The plan catalog every installation starts with (prices in minor units).
INSERT INTO plans (id, name, currency, amount_minor, billing_interval) VALUES
  ('basic_usd', 'Basic', 'USD', 900, 'month'),
  ('pro_usd', 'Pro', 'USD', 2900, 'month'),
  ('team_usd', 'Team', 'USD', 9900, 'month'),
  ('pro_usd_yearly', 'Pro (yearly)', 'USD', 29000, 'year'),
  ('basic_eur', 'Basic', 'EUR', 900, 'month'),
  ('pro_eur', 'Pro', 'EUR', 2700, 'month'),
  ('pro_gbp', 'Pro', 'GBP', 2400, 'month'),
  ('pro_chf', 'Pro', 'CHF', 2900, 'month'),
  ('pro_sek', 'Pro', 'SEK', 29900, 'month'),
  ('basic_jpy', 'Basic', 'JPY', 1000, 'month'),
  ('pro_jpy', 'Pro', 'JPY', 3000, 'month'),
  ('pro_kwd', 'Pro', 'KWD', 9500, 'month'),
  ('pro_huf', 'Pro', 'HUF', 990000, 'month');
