/**
 * A labelled corpus for the guideline rules: sentences and short passages of the kind advocates really write
 * (engineering blog posts, forum answers, LinkedIn posts, X threads), each marked as one a rule should flag or
 * should leave alone. guideline-corpus.test.ts measures the bundled rules and the company example against it
 * and prints precision and recall per set and per rule.
 *
 * Add a sample whenever a rule misfires in real use, labelled as a careful reviewer would: the point is to
 * measure the rules, so never relabel a sample to make a figure go up. Key-shaped values are assembled from
 * two halves so that no whole credential shape sits in the repository; all are made up.
 */
import type { Channel } from '../../packs/items';

export interface CorpusSample {
  /** `bundled`: the Advocate Foundations guidelines; `company`: docs/guidelines.example.yaml. */
  set: 'bundled' | 'company';
  rule: string;
  /** Whether the rule should find something in the text. */
  flag: boolean;
  text: string;
  channel?: Channel;
}

/** A key assembled from its prefix and body, so the file holds no whole key shape. */
const key = (prefix: string, body: string): string => prefix + body;

const AWS = key('AKIA', 'Q3EXPLM7NDR4TZ2W');
const AWS_TEMP = key('ASIA', 'R7KD2PLQ9WN3XZ4V');
const GITHUB = key('ghp_', 'a8Kd93LmQz01RtYx7VbN2cPw5sUe4JhG6fDk');
const GITHUB_FINE = key(
  'github_pat_',
  '11ABCDE2Q0x7Rt9Lm3Kq8Zp_4NvW2yB6cH1jS5dF8gT0uY3iO7pA9sD2fG4hJ6kL8zX1cV3bN5mQ7wE9rT',
);
const SLACK = key('xoxb-', '1234567890-0987654321-q8WzLr2KxTnV5pYc');
const SLACK_HOOK = key('https://hooks.slack.com/services/', 'T024BE7LD/B09QX1A2B3C/kR9xT2mLq8WzVn4pYc7sJ3dF');
const STRIPE = key('sk_live_', '51Hq8ZrKx2Lm9Tn4Vb7Yc3');
const STRIPE_TEST = key('sk_test_', '4eC39HqLyjWDarjtT1zdp7dc');
const GCP = key('AIza', 'SyD4-q8WzLr2KxTnV5pYcQ7mB1nJ3hF6gE0');
const GITLAB = key('glpat-', 'x9Kq2LmT7vR4nP8wZ3yB');
const JWT = key(
  'eyJ',
  'hbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwicm9sZSI6ImFkbWluIn0.Q7mB1nJ3hF6gE0dKx9Lq2Tz',
);
const PEM = (kind: string) =>
  `-----BEGIN ${kind}PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nq8WzLr2KxTnV5pYcQ7mB1nJ3hF6gE0dKx9Lq2Tz\n-----END ${kind}PRIVATE KEY-----`;

const secrets: CorpusSample[] = [
  ...[
    `Here's the config that finally worked: aws_access_key_id = ${AWS} and the region set to eu-west-2.`,
    `If you see ${AWS_TEMP} in your logs, that is a temporary STS key, and it still shouldn't be there.`,
    `I pushed a fix using my token ${GITHUB} and the workflow went green.`,
    `export GITHUB_TOKEN=${GITHUB_FINE}`,
    `Our bot posts with ${SLACK} into #alerts.`,
    `We send deploy notices to ${SLACK_HOOK} from the pipeline.`,
    `Stripe call: curl https://api.stripe.com/v1/charges -u ${STRIPE}:`,
    `Use ${STRIPE_TEST} in your test environment, it has the same shape as live keys.`,
    `The Maps embed needs key=${GCP} in the script URL.`,
    `Clone with https://oauth2:${GITLAB}@gitlab.com/acme/app.git`,
    `The header looked like Authorization: Bearer ${JWT} and the API accepted it.`,
    `Paste this into ~/.ssh/id_rsa:\n${PEM('RSA ')}`,
    `The service account JSON has "private_key": "${PEM('').replace(/\n/g, '\\n')}"`,
    `${PEM('OPENSSH ')}`,
    `${PEM('EC ')}`,
    'api_key = "9fK2xQ7LmZ4pT8wR3vN6"',
    "const SECRET_KEY = 'h7Gk2Lq9Zx4Tn8Vm3Rp6Wy1s';",
    'DB_PASSWORD: "Tr0ub4dor&3x"',
    'client_secret: 8sJk2Lq9Zx4Tn8Vm3Rp6Wy1sQeXa',
    'OPENAI_API_KEY=sk-proj-4fT9kLm2Qx7Zr8Vn3Bp6Wy1sJcHdGeKaLu5',
    'In the .env we had STRIPE_SECRET=rk_live_9Lm2Qx7Zr8Vn3Bp6Wy1sJc and nobody noticed.',
    'The connection string ended up in the post: password="p4ssW0rd2024x"',
    'auth_token: "c3RhZ2luZy1rZXktOTI4NzM0NjUxMg9x"',
    '"accessKey": "AbC123xYz789QwE456rTy0"',
    'x-api-key: 7d8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b',
  ].map((text) => ({ set: 'bundled' as const, rule: 'no-secrets', flag: true, text })),
  ...[
    'Never paste your API key into a forum post; rotate it if you ever do.',
    'Set api_key = "YOUR_API_KEY" in config.toml and restart the agent.',
    'token = os.environ["GITHUB_TOKEN"]',
    'password: ${DB_PASSWORD}',
    'export AWS_SECRET_ACCESS_KEY=<your secret key>',
    'The secret: ship smaller changes more often.',
    'The token bucket algorithm refills at a fixed rate.',
    'Store the private key in a vault, never in the repository.',
    '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----',
    'Our publishable key starts with pk_live_ and is meant to be in the page.',
    'GitHub tokens start with ghp_ and are 40 characters long.',
    'AWS access keys begin with AKIA, so secret scanners look for that prefix.',
    'secret_name: prod/payments/db',
    'password_min_length = 12',
    'Rotate the key: aws iam create-access-key --user-name deploy',
    'api_key: "xxxxxxxxxxxxxxxxxxxx"',
    'The commit hash was 9fceb02d0ae598e95dc970b74767f19372d61af8, which is public anyway.',
    'Our Docker image is sha256:3f2a7c9b1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b.',
    'token_endpoint: https://auth.example.com/oauth2/token',
    'The access key ID and secret access key are both shown only once when you create them.',
    'A JWT has three parts separated by dots: header, payload and signature.',
    'Set `client_secret` in the dashboard, not in the mobile app.',
    'We renamed SECRET_KEY to DJANGO_SECRET_KEY across all services.',
    'secret = "changeme-in-production-1234"',
    'The password was literally "password123", which is why we now enforce a policy.',
  ].map((text) => ({ set: 'bundled' as const, rule: 'no-secrets', flag: false, text })),
];

const privateAddresses: CorpusSample[] = [
  ...[
    'Our Grafana lives at http://10.12.4.31:3000/d/latency if you want to see the graph.',
    'The build agents pull from 10.40.2.17 every five minutes.',
    'I SSH into 192.168.50.23 to check the logs on the staging box.',
    'The dashboard is at https://grafana.corp.internal/d/abc123/latency.',
    'We moved the cache to redis-01.prod.internal last week.',
    'Jenkins runs on jenkins.internal:8080, and it was the bottleneck.',
    'Point your browser at http://172.20.14.9/admin to see the queue.',
    'The runbook is on wiki.lan/runbooks/payments.',
    'Our Kafka brokers are kafka-1.dc2.corp and kafka-2.dc2.corp.',
    'The outage started when 10.8.0.14 stopped answering health checks.',
    'Traffic from the VPN lands on 172.18.33.100 before it reaches the API.',
    'We found the leak on db-primary.local after a week of searching.',
    'See [the dashboard](http://10.1.20.5/grafana) for the numbers.',
    'Our legacy billing service still runs at billing.intranet/app.',
    'The printer in the lab, 192.168.77.40, is the one that kept crashing the driver.',
    'The primary database is 10.30.1.10 and the replica is 10.30.1.11.',
    'After the migration, staging moved to https://staging.corp.internal.',
    'We pinned the NTP source to 172.24.0.53 for the whole cluster.',
    'Nobody remembered that vault.home.arpa was still serving the old certificates.',
    'The single host we whitelisted is 10.42.7.19/32.',
    'Our metrics endpoint is scraped from http://10.2.9.44:9100/metrics every 15 seconds.',
    'Curious? The admin panel is on http://192.168.10.5:8443.',
    'The file share at fileserver.local held the only copy.',
    'We run the ELK stack on elastic.internal:9200, behind no authentication at all.',
    'The flaky test only failed on ci-runner-07.corp.internal.',
  ].map((text) => ({ set: 'bundled' as const, rule: 'no-private-addresses', flag: true, text })),
  ...[
    'Start the app and open http://localhost:3000 in your browser.',
    'The server listens on 127.0.0.1:8080 by default, so nothing outside your machine can reach it.',
    'From inside the container, reach the host with host.docker.internal:5432.',
    'RFC 1918 reserves 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16 for private networks.',
    'Create a VPC with the CIDR block 10.20.0.0/16 and two subnets.',
    'Most home routers answer on 192.168.1.1 or 192.168.0.1.',
    'The cloud metadata service is always at http://169.254.169.254/latest/meta-data/.',
    'On GCP, the metadata server is metadata.google.internal.',
    'Docker gives the default bridge 172.17.0.1.',
    'The Android emulator reaches your machine at 10.0.2.2.',
    'Run `curl http://10.8.1.4/health` to see if the node is up.',
    '```\nssh admin@10.12.4.31\ncurl http://db.corp.internal:5432\n```',
    'Set `DATABASE_URL=postgres://app@10.30.1.10/app` in your local .env, then run the migrations.',
    'IPv6 loopback is ::1, and http://[::1]:8080 works the same as localhost.',
    'We upgraded to version 10.4.2.1 of the agent.',
    'Read the docs at https://docs.docker.com/network/ for the details.',
    'Any address from 10.0.0.0 to 10.255.255.255 is private.',
    'Kubernetes services are reachable at kubernetes.default.svc.cluster.local inside the cluster.',
    'Our public status page is status.example.com.',
    'Use 192.0.2.10 in examples: it is reserved for documentation.',
    'The subnet 192.168.100.0/24 in the diagram is an example; use your own.',
    'Allow traffic from 172.31.0.0/16, the default VPC range on AWS.',
    'Bind to 0.0.0.0 only if you really mean every interface.',
    'Visit http://localhost:8000/docs to see the generated API reference.',
    'Our office wifi is nothing special: a router at 10.0.0.1 and a lot of patience.',
  ].map((text) => ({ set: 'bundled' as const, rule: 'no-private-addresses', flag: false, text })),
];

const forecasts: CorpusSample[] = [
  ...[
    "We'll grow revenue 40% next year.",
    'We\u2019ll grow revenue 40% next year.',
    'I expect revenue to double once the enterprise tier launches.',
    'Honestly? Profits are going to triple.',
    'Profits are going to triple.',
    'Our revenue will double by the end of the year.',
    "We're on track to hit $50M ARR by Q4.",
    'We will beat analyst expectations this quarter, mark my words.',
    'We expect sales to pick up sharply in the second half.',
    'Next quarter\u2019s results will surprise a lot of people.',
    'Our margins are going to improve significantly this year.',
    "I'm confident that our earnings will beat last year's.",
    'We are going to double our ARR in eighteen months.',
    'Revenue is set to grow 25% year on year.',
    'Q3 revenue should be up around 20%.',
    'We plan to triple our revenue by 2027.',
    'I predict our bookings will outpace the market. Our bookings are set to rise.',
    "We're going to increase margins by moving off the legacy stack.",
    'Annual revenue will grow faster than headcount, I promise.',
    'Sales will grow 30% once the partner channel is live.',
    "We'll double sales in EMEA next year.",
    'We expect revenue growth to accelerate in the second half.',
    "I'm betting our revenue will cross $100M before the IPO.",
    'We will raise guidance after this launch.',
    'EPS is going to jump when the cost cuts land.',
    'Between this and the new launch, I reckon our retail revenue will double next year.',
    'I think our margins will improve a lot once the migration is done.',
  ].map((text) => ({ set: 'bundled' as const, rule: 'forward-looking-statements', flag: true, text })),
  ...[
    'Your sales table will grow quickly, so partition it by month.',
    'Revenue operations teams should increase their test coverage before quarter end.',
    "We'll grow the team next year and hire two more SREs.",
    'We will increase test coverage before the release.',
    'Our sales team will grow in Berlin this spring.',
    'I expect the build to double in speed with remote caching.',
    'We expect revenue reports to load faster after the index change.',
    'The revenue dashboard should increase in usefulness once it shows refunds.',
    'Your revenue will grow if you answer questions where your customers ask them.',
    'Last year our revenue grew 30%, as reported in the annual results.',
    'We published our Q2 results on 30 July; the link is below.',
    'The sales engineers will grow into the role quickly.',
    'I expect the queue to triple in size during Black Friday, so plan capacity.',
    'The table of earnings per region will grow as new regions are added.',
    'Customers expect sales tax to be calculated correctly in every state.',
    'We are going to double the number of regions we deploy to.',
    'Revenue recognition rules will increase the complexity of your billing code.',
    'Their revenue grew after they fixed the checkout bug, according to their case study.',
    'We expect latency to drop once the new cache is in place.',
    'If you run an online shop, your sales should increase when pages load faster.',
    'We will beat this bug eventually.',
    'The sales pipeline view should grow a filter for region.',
    'Margin of error will grow with smaller samples.',
    'We hit our hiring goals for the year.',
    'The earnings call transcript is public; here is the link.',
    'I think sales engineers will love the new demo mode.',
    'I believe the revenue report will load faster after the fix.',
  ].map((text) => ({ set: 'bundled' as const, rule: 'forward-looking-statements', flag: false, text })),
];

const profanity: CorpusSample[] = [
  ...[
    'That was a shitty migration and I own it.',
    'The old installer was crappy, so we rewrote it.',
    'Damn, that outage hurt.',
    'The damned thing crashed every time we scaled past three nodes.',
    'Our first attempt was complete bullshit.',
    'It kept crapping out at 2 a.m.',
    'What the fuck is this error message supposed to mean?',
    'The fucking cache was stale again.',
    'Bloody hell, what a week.',
    'That release was shite.',
    'Honestly, the docs are crap.',
    'I was pissed off about the downtime.',
    "Don't be an arsehole in code review.",
    'This API is total bollocks.',
    'Well, shit. The backup was empty.',
    'Dammit, the tests passed locally.',
    'The vendor gave us a bunch of crap about why it was down.',
    'I spent a week on this shitshow of a build system.',
    'That was the crappiest demo I have ever given.',
    'Nobody gives a shit about the logo, fix the login.',
  ].map((text) => ({ set: 'bundled' as const, rule: 'keep-it-professional', flag: true, text })),
  ...[
    'We practise on Damn Vulnerable Web Application before every workshop.',
    'Install DVWA (Damn Vulnerable Web Application) in a throwaway VM.',
    'The evidence in the postmortem was damning.',
    'Our team in Scunthorpe handled the migration.',
    'We ordered a round of Bloody Marys after the launch.',
    'Thomas Crapper did not invent the flush toilet, despite the legend.',
    'The scrappy prototype turned into our best product.',
    'The shiitake farm uses our sensors.',
    'The code used `git commit -m "damn typo"` which made us laugh.',
    "Sod's law says the pager goes off during dinner.",
    'The cockpit software update was delayed.',
    'We passed the assessment at last.',
    'Our classic mistake: assuming the class was thread-safe.',
    'The Arsenal fans in the office were not happy.',
    'He cracked the problem with a dam of sandbags and a spreadsheet.',
    'Skip the shitake mushrooms joke in the talk, please.',
    'Grasshoppers and crappie fish were in the biology dataset.',
    'The hell of it is that it worked on Friday.',
    'Passed with flying colours.',
    'The crapaud is a Caribbean frog, and the name of our test server.',
  ].map((text) => ({ set: 'bundled' as const, rule: 'keep-it-professional', flag: false, text })),
];

const companyDisclosure: CorpusSample[] = [
  ...[
    'Northwind Relay cut our latency in half.',
    'If you need message queues, Relay Cloud is the best thing I have used.',
    'Try Northwind Relay for this; it handles back-pressure out of the box.',
    'I switched three clients to Northwind and never looked back.',
    'Relay Cloud has the best dashboard in the market.',
    'We chose Northwind Systems for the migration because the support was great.',
    'Northwind is hiring! Come and work with great people.',
    'The new Northwind Relay release fixes the reconnect bug.',
    'Compared with the others, Northwind Relay is simply faster.',
    'My friend is on the team at Northwind and says it is great.',
    'Here is why Relay Cloud beats the competition.',
    'Honest review: Northwind Relay is worth every penny.',
    'Northwind has the best customer support I have seen.',
    'For IoT telemetry, use Northwind Relay with MQTT.',
    'Relay Cloud pricing just got simpler.',
    'Northwind Relay 5.0 is out and you should upgrade.',
    'I recommend Northwind Systems to anyone building event pipelines.',
    'Relay Cloud went down for ten minutes today but recovered well.',
    'Nothing beats Northwind for this workload.',
    'Northwind Relay or Kafka? Relay, every time.',
  ].map((text) => ({ set: 'company' as const, rule: 'disclose-your-employer', flag: true, text })),
  ...[
    'Disclosure: I work at Northwind, which makes one of the tools in this comparison. Relay Cloud is ours.',
    "I'm on the support team at Northwind, so I'm biased, but here's what I'd check first in Relay Cloud.",
    'Full disclosure: Northwind Relay is ours. For your case I would actually start with RabbitMQ.',
    'Support engineer at Northwind Systems. I write about message queues and Northwind Relay.',
    'I work for Northwind. The Relay Cloud outage was our fault, and here is what we learnt.',
    "I'm a solutions architect at Northwind, and Northwind Relay handles this with a dead-letter queue.",
    'As my employer makes Relay Cloud, take this with a pinch of salt.',
    'I lead the reliability team at Northwind; Relay Cloud had a bad Tuesday.',
    "#NorthwindEmployee Here's how Northwind Relay retries failed deliveries.",
    "Relay Cloud's new retry policy is worth a look. (I\u2019m biased: I work on it.)",
    'Northwind Relay 5.0 is out. Disclosure: I am a Northwind employee.',
    "Yes, Relay Cloud does that. I'm an engineer at Northwind, so ask me anything.",
    'We build Northwind Relay, and here is the design decision I regret most.',
    'My team at Northwind shipped the new Relay Cloud console today.',
    'Backend developer @ Northwind. Opinions mine. Northwind Relay tips below.',
    'The outage taught me more about queues than any book.',
    'Kafka and RabbitMQ both handle back-pressure, differently.',
    'Here is how I debug a slow consumer, whatever broker you use.',
    'Message ordering is harder than it looks.',
    "I'm a developer advocate for Northwind and Relay Cloud is what I talk about most.",
  ].map((text) => ({ set: 'company' as const, rule: 'disclose-your-employer', flag: false, text })),
];

const companyOther: CorpusSample[] = [
  ...[
    'Project Heron will change how we think about queues.',
    "Can't say much yet, but Heron is going to be big.",
    'The Heron team is hiring.',
    'I spent the week on project heron and I am exhausted.',
  ].map((text) => ({ set: 'company' as const, rule: 'confidential-code-names', flag: true, text })),
  ...[
    'We met at Heronsgate for the offsite.',
    'A grey heron landed on the office pond.',
    'The project I am proudest of this year is the new retry policy.',
    'Herons are patient hunters; so are good SREs.',
  ].map((text) => ({ set: 'company' as const, rule: 'confidential-code-names', flag: false, text })),
  ...[
    'Contoso Bank moved all its payments traffic to Relay Cloud.',
    'We helped Contoso cut their settlement time in half.',
    'Our work with contoso bank is my favourite story this year.',
  ].map((text) => ({ set: 'company' as const, rule: 'uncleared-customers', flag: true, text })),
  ...[
    'A large UK bank moved all its payments traffic to Relay Cloud.',
    'One of our retail customers cut checkout latency by 40%.',
    'The bank in this story asked not to be named.',
  ].map((text) => ({ set: 'company' as const, rule: 'uncleared-customers', flag: false, text })),
  ...[
    "We'll grow revenue 40% next year.",
    'I expect revenue to double after the Relay 5.0 launch.',
    'Profits are going to triple.',
    "We're on track to hit $50M ARR by Q4.",
    'Our revenue will double by the end of the year.',
    'We expect sales to pick up sharply in the second half.',
  ].map((text) => ({ set: 'company' as const, rule: 'forward-looking-statements', flag: true, text })),
  ...[
    'Your sales table will grow quickly, so partition it by month.',
    'Revenue operations teams should increase their test coverage.',
    'You can expect strong growth in the number of messages once you add devices.',
    "We'll grow the team next year.",
    'Our sales team will grow in Berlin this spring.',
    'Last year our revenue grew 30%, as reported in the annual results.',
  ].map((text) => ({ set: 'company' as const, rule: 'forward-looking-statements', flag: false, text })),
  ...[
    'The design doc is on https://wiki.northwind.example/relay.',
    'See intranet.northwind.example/handbook for the policy.',
    'Our build results are on https://ci.corp.northwind.example/job/relay.',
    'The dashboard lives at http://10.12.4.31:3000.',
    'Check grafana.corp.internal for the graph.',
    'Logs are on [Kibana](https://kibana.corp.northwind.example/app/logs).',
  ].map((text) => ({ set: 'company' as const, rule: 'no-internal-links', flag: true, text })),
  ...[
    'The docs are at https://docs.northwind.example/relay.',
    'Run it locally and open http://localhost:8080.',
    'Inside a container, use host.docker.internal.',
    'Private networks use 10.0.0.0/8 and 192.168.0.0/16.',
    'Run `curl http://10.12.4.31/health` on the node itself.',
    'Our public blog is at northwind.example/blog.',
  ].map((text) => ({ set: 'company' as const, rule: 'no-internal-links', flag: false, text })),
  ...[
    'That was a crappy week.',
    'Bloody hell, the queue backed up again.',
    'The sodding certificate expired on a Sunday.',
    'The old broker was shit at back-pressure.',
  ].map((text) => ({ set: 'company' as const, rule: 'mind-your-language', flag: true, text })),
  ...[
    "Sod's law: the pager goes off at dinner.",
    'We test on Damn Vulnerable Web Application.',
    'The scrappy first version still runs.',
    'The evidence was damning.',
  ].map((text) => ({ set: 'company' as const, rule: 'mind-your-language', flag: false, text })),
  ...[`aws_access_key_id = ${AWS}`, 'relay_api_key = "9fK2xQ7LmZ4pT8wR3vN6"', `${PEM('')}`].map((text) => ({
    set: 'company' as const,
    rule: 'no-secrets',
    flag: true,
    text,
  })),
  ...[
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    'relay_api_key = "YOUR_RELAY_KEY"',
    'Keep your Relay key in the environment, as RELAY_API_KEY.',
  ].map((text) => ({ set: 'company' as const, rule: 'no-secrets', flag: false, text })),
];

/**
 * Written after the rules were tuned and added without changing them, as a check on over-fitting: the
 * rules' misses and false alarms here are the honest ones.
 */
const heldOut: CorpusSample[] = [
  ...(
    [
      [
        'no-secrets',
        'My .npmrc had //registry.npmjs.org/:_authToken=npm_8fKq2LmT7vR4nP8wZ3yBx9Kq2LmT7vR4nP8w in it.',
      ],
      ['no-secrets', 'heroku config:set SECRET_TOKEN=4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c'],
      ['no-private-addresses', 'Our Postgres primary, pg-main.internal, hit 100% CPU at 09:14.'],
      ['no-private-addresses', 'I tracked it to one pod on node 10.128.3.77 that never drained.'],
      ['forward-looking-statements', 'Mark my words: we will triple our revenue within two years.'],
      ['forward-looking-statements', 'Earnings will beat consensus, I am sure of it.'],
      ['forward-looking-statements', 'Between us, our ARR will double by next summer.'],
      ['keep-it-professional', 'The on-call rota was a fucking nightmare last month.'],
      ['keep-it-professional', 'Crap, I forgot to mention the rollback.'],
      ['keep-it-professional', 'Such a bullshitty excuse for an SLA.'],
    ] as const
  ).map(([rule, text]) => ({ set: 'bundled' as const, rule, flag: true, text })),
  ...(
    [
      ['no-secrets', 'Rotate secrets every 90 days and audit who can read them.'],
      ['no-secrets', 'password_reset_token_ttl = 3600'],
      ['no-private-addresses', 'Your app will be at http://127.0.0.1:5173 while Vite runs.'],
      ['no-private-addresses', 'Give each team its own /24 from 10.0.0.0/8 and write it down.'],
      ['forward-looking-statements', 'We grew revenue 40% last year, per the published annual report.'],
      [
        'forward-looking-statements',
        'Sales engineers will grow in importance as products get more technical.',
      ],
      ['forward-looking-statements', 'Will your earnings API handle the new tax year?'],
      ['keep-it-professional', 'The assessment was passed on the second try.'],
      ['keep-it-professional', 'Our crappie-fishing app won a hackathon.'],
      ['keep-it-professional', 'I am very proud of this team, and damning reviews did not stop them.'],
    ] as const
  ).map(([rule, text]) => ({ set: 'bundled' as const, rule, flag: false, text })),
];

export const guidelineCorpus: readonly CorpusSample[] = [
  ...heldOut,
  ...secrets,
  ...privateAddresses,
  ...forecasts,
  ...profanity,
  ...companyDisclosure,
  ...companyOther,
];
