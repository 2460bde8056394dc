/** A paragraph of `count` different words, standing in for a learner's own writing. */
export function storyOfWords(count: number): string {
  const words = [
    'cache',
    'node',
    'midnight',
    'latency',
    'retry',
    'queue',
    'index',
    'deploy',
    'graph',
    'alert',
  ];
  const word = (at: number) => `${words[at % words.length] ?? ''}${Math.floor(at / words.length)}`;
  return `${Array.from({ length: count }, (_, at) => word(at)).join(' ')}.`;
}

/**
 * Answers a learner could really give to each exercise of the bundled Advocate Foundations course, written
 * in the exercise's own structure: tests (and e2e stories) check that each completes its exercise where the
 * template and a hurried answer do not.
 */
export const bundledAnswers: Record<string, string> = {
  'map-one-conversation': `## Where the conversation happens
The "Integrations" board of the Retail Operations Community, a vendor-neutral forum run by a trade association. It is public and needs no login to read.

## Who is there
Mostly store systems managers and a few developers from mid-sized retailers, plus consultants who implement stock and pricing tools. Vendors post too, but usually only to announce releases. I counted about forty new threads in the last month and most get a reply within a day, often from the same five or six regulars.

## What they keep asking
1. "Why does our nightly stock import time out since the last upgrade?" Four threads this month, all with files above 50,000 rows.
2. "How often should prices and stock sync between head office and the shops?" People argue about this constantly, and nobody explains the trade-offs.
3. "Can we test a feed change without breaking the live shops?" Usually answered with a shrug.

## Who answers today
Two independent consultants give the answers people trust: they explain the cause, not just the fix, and they admit when something depends on the setup. A competitor has a brand account that replies with links to its sales pages; those replies get few reactions and the original posters rarely follow up. Nobody from our company is there at all, either as individuals or as a brand.

## What we are missing
Last week someone asked why their stock levels lagged by hours although prices updated quickly. We know this one well: it happens when both travel in one large feed and the stock changes queue behind price changes that did not need resending. A good answer would have explained the cause in two sentences, suggested splitting the feeds, and said how to check whether that is the problem before changing anything.

## One thing I could contribute
Within the next fortnight I will answer one open timeout thread with a plain explanation of batch sizes and import windows, written for a store manager rather than a developer, and I will say who I work for. If it is useful, I will turn it into a short post for our engineering blog.`,

  'what-i-know': `## What I know
I help support teams work out why a bank-feed sync failed in under ten minutes, because I have handled more than three hundred of those tickets over four years.

## Questions people bring me
1. "The sync says it worked, so why are yesterday's payments missing?"
2. "Is this our fault or the bank's, and how do I tell the customer which?"
3. "Why does it only break at the end of the month?"

## A story that shows it
Last spring a whole region reported duplicated payments on the first of the month. Everyone suspected a recent release. I noticed that every affected customer used the same bank and that the duplicates were exactly one day apart, which pointed at a time-zone change in the bank's export rather than our code. We had a workaround out the same afternoon and the bank fixed its side within a week.

## What I would like to write about first
A short checklist for diagnosing failed syncs, for support colleagues in their first six months.

## Over to you
Which sync problem costs you the most time? Does anyone in another team keep their own checklist I could learn from?`,

  'front-line-story': `Whose midnight? A time-zone bug in our payroll close

## What happened
At half past six on the first working day of March, six customers opened tickets within twenty minutes of each other. Each said the same thing: the payroll close had finished, the reports looked right, but a handful of employees had been paid for a day they had not worked. For one customer it was three people, for another it was forty.

Payroll errors are the kind that keep a support engineer awake. Money had already left bank accounts, and the customers' own staff were the ones who would have to explain it. I was on the early shift, so the tickets landed with me.

The obvious suspect was the release we had shipped two days earlier, which touched the close. My team spent the first hour reading its changes line by line. Nothing in it looked wrong, and rolling it back on a test copy did not make the problem go away.

## What we found
The pattern only appeared when I stopped reading code and started reading timestamps. Every extra day belonged to a shift that ended after midnight, and every affected customer had employees in more than one time zone. A shift that ended at ten past midnight in Lisbon was still on the previous day in the head office in the Azores, an hour behind.

Our close decided which day a shift belonged to by converting its end time into the time zone of the company's head office. For three years that had worked, because almost nobody worked past midnight. In February several of these customers had introduced night shifts for stock counts, so for the first time thousands of shifts crossed the date line between two zones.

The fix took a day: a shift now belongs to the day it started, in the time zone of the place it was worked. The test that would have caught it took an afternoon to write. It creates two employees in different zones, each working a shift across midnight, and checks the day every shift is assigned to. It would have failed on the first run, three years ago.

The part I am least proud of is the first hour. We assumed the newest change was the cause because it was the newest change, and we read code for an hour before anyone looked at the data the customers had sent.

## What I'd tell anyone facing the same thing
When a date is wrong, ask whose midnight it is. Every date in a system is a day in some place, and the bug usually lives where two places meet. Write down, for each date you store, which place it belongs to, and test at least one case on each side of midnight in two zones.

Read the data before you read the code. Timestamps in the tickets pointed at the answer long before the release notes did.

This does not apply to every date bug. Leap years, daylight saving changes and bad input from other systems fail in different ways, and a checklist for one will not catch the others.

## Over to you
Have you met a "whose midnight" bug in your own systems? How did you find it, and what do you test for now?

---
I work as a support engineer at a payroll software company; this post is about my own experience, and the views are my own.`,

  'answer-a-forum-question': `Since the upgrade, big imports probably hit a shorter timeout, and the morning retry works because the system is quieter then. Raising the import timeout, or splitting the file, should stop the failures.

**Why this happens:** The upgrade lowered how long a single import batch may run before it is cancelled. At night your import competes with backups and reports, so an 80,000-row file takes longer and crosses the new limit. In the morning nothing else is running, so the same file finishes in time.

**Steps:**
1. Open Settings, then Imports, then Advanced, and look for "Batch timeout". If it now says 60 seconds, set it back to 300, which was the old default.
2. If you cannot change it, ask the warehouse to send two files of 40,000 rows instead of one, and schedule the second import fifteen minutes after the first.
3. After the next night's import, open Imports, then History, and check that the run shows "Completed" rather than "Timed out".

**If that doesn't fix it:** Check whether the nightly backup now starts at the same time as the import. Moving the import an hour later is often enough.

I am assuming the standard cloud edition with the default schedule; a self-hosted install may keep this setting elsewhere.`,

  'write-a-linkedin-post': `Six customers found the same payroll bug on the same morning.

It had been in our code for three years.

Every extra day we paid belonged to a night shift that crossed midnight in two time zones. Our close asked which day a shift belonged to using head office time. Nobody worked past midnight, until February.

What I noticed: we spent the first hour reading the newest release, because it was the newest. The timestamps in the tickets had the answer all along.

What I'd pass on:
→ For every date you store, write down which place it belongs to.
→ Test one shift on each side of midnight, in two zones.
→ Read the data before you read the code.

The fix took a day. The test that would have caught it took an afternoon.

What is the date bug that taught you the most?`,

  'write-an-x-thread': `Our payroll close had a time-zone bug for three years. Six customers found it on the same morning. The fix took a day; the test that would have caught it took an afternoon. A thread on "whose midnight?"

---

Each customer paid a few employees for a day they had not worked. All of them had started night shifts for stock counts in February.

---

The close decided which day a shift belonged to in head office time. A shift ending after midnight in Lisbon was still the previous day in the Azores.

---

Anyone who stores dates for people in more than one place can hit this: shifts, bookings, deadlines, billing periods.

---

The check: for every date you store, write down whose midnight it is, and test one case on each side of midnight in two zones.

---

Have you been bitten by a date that belonged to the wrong place? How did you catch it?`,

  'make-it-safe-to-publish': `Good week: we moved a large grocery retailer onto a new integration, and it taught me something worth sharing.

The trick was splitting the price feed from the stock feed. Prices change rarely but stock changes constantly, so one big feed meant every small stock update re-sent every price, and the updates queued for hours. With two feeds, stock now syncs within minutes while prices travel only when they change.

If your stock looks hours behind while prices look fine, check whether both travel together before you buy bigger servers.

Anyone else split feeds like this? Would love to compare notes.`,

  'reply-to-a-hostile-comment': `You're right that the outage came first, and I'm sorry it cost you a day of sales; that is a real loss, not an inconvenience.

The retry fix in this post is one of the follow-ups from that incident, and the full report, including what we are changing, is here: https://status.example.com/incidents/2291

If you want to go through what happened to your stores, I've asked our support lead to get in touch today, or message me and I'll make sure it reaches the right person.`,

  'during-an-incident': `@retail_ops_sam Yes, card payments are failing for some stores right now and the incident team is on it. Live updates: https://status.example.com

So sorry, I know what this does to a Saturday. Need support directly? Reply here and I'll send you the contact.`,

  'write-your-about-page': `## About me
I help finance and support teams find out why their payroll and bank data stopped matching, and fix it before payday.

For seven years I have supported payroll integrations for companies in twelve countries, from shops with ten staff to groups with thousands. I have handled more than three hundred failed bank-feed syncs, written the checklist our support team uses for them, and trained new colleagues in diagnosing them.

I'm a senior support engineer at a payroll software company, where I look after our integrations with banks and accounting tools. Views are my own, and I say so when I write about our products.

## What I write about
- Diagnosing payroll and bank-feed problems quickly
- Dates, time zones and other quiet causes of expensive mistakes
- How support and engineering can learn from the same tickets

## Start here
- Whose midnight? A time-zone bug in our payroll close
- A checklist for failed bank-feed syncs, coming next month

## Get in touch
You can reach me through LinkedIn, or leave a comment on any post here. I read every one and usually reply within a week.

---

## Short bio (about 50 words, third person, for talks and guest posts)
Dana Okafor is a senior support engineer at a payroll software company, where she looks after integrations with banks and accounting tools. She has diagnosed more than three hundred failed bank-feed syncs and writes about dates, time zones and the quiet causes of expensive payroll mistakes.

## One-line bio (under 160 characters, for social profiles)
Support engineer for payroll integrations. I write about bank feeds, time zones and fixing data before payday.`,

  'monthly-review': `## My month in advocacy: March

### What I did
- Answered two questions on the Retail Operations Community forum about import timeouts
- Posted one LinkedIn post about the payroll time-zone bug
- Drafted the full story for the engineering blog; it is waiting for review

### What worked
The forum answer on import timeouts was accepted within a day, and a partner's engineer messaged me afterwards to ask how we test feed changes. I think it worked because it answered the question in the first two sentences and gave menu paths rather than theory.

### What didn't
The LinkedIn post got plenty of likes but only one comment, and that was from a colleague. My guess is that the closing question was too broad for people to answer quickly.

### What people asked about
- How to test a feed change without touching live shops
- Whether night shifts break other reports as well as payroll
- How we decide which time zone a date belongs to

### One change for next month
End every post with a question people can answer from their own work in one sentence.

### Where I'd like help
A review of the blog draft by someone in the payroll team, and half an hour with our communications lead to check that the customer examples are generic enough.`,

  'nominate-someone': `## Who, and what they know
Priya Nair, senior support engineer. She is the person the whole team asks about failed bank-feed syncs: she wrote the runbook we use, and has handled more than three hundred of them across twelve countries.

## Why them, and why now
Customers quote her ticket notes back to us, and her explanations of date and time-zone problems are the clearest I have read. The same question about weekend bank holidays came up in four public forum threads last month and was answered badly each time; she could answer it properly in twenty minutes.

## What you offer
Two hours a week in her sprint plan, starting next sprint, reviewed after three months. The Advocate Foundations course. Answers to "can I name this customer?" questions from Dan in communications within one working day, and a same-day read of any draft she wants a second opinion on.

## How you will ask
In our one-to-one on Thursday, not by e-mail. I will say what I have noticed, what is on offer, and that "not now" is a perfectly good answer that changes nothing about how I see her work.`,

  'review-a-draft': `## Sam's draft (leave it as it is)

> Huge thanks to Quillmere Grocers for trusting us with their Easter cutover! At Northwind we're all about best-in-class, seamless integrations, and this project was no exception. Our team worked incredibly hard, and I couldn't be prouder of everyone involved in making it happen.
>
> The interesting bit: their stock feed and price feed were one feed, so every stock change re-sent every price and updates queued for hours. Splitting them fixed it. Here's the call I used to test it: curl -u feedadmin:Quillmere2024 https://api.northwind.example/feeds
>
> Anyone else split feeds like this?

## Must change, with the rule
First, the retailer is not on our reference list, so we need their permission before naming them; until the account team confirms it, "a large grocery retailer" tells the story just as well. Second, the curl command carries a user name and password. Swap them for placeholders such as USER:PASSWORD, and since this looks like a real credential, tell security so they can rotate it.

## Suggestions, Sam's to take or leave
Your second paragraph is the post: specific, useful, and only you could have written it. I would open with it. The "best-in-class, seamless" line reads like an advert and I would drop it; the thanks to the team could be one line at the end. Since it is about our product, say in the post that you work here.

## Your note to Sam
Great find, and people will want it. Two must-fixes above; everything else is your call. Post whenever you are happy with it, no need to send it back to me.`,

  'programme-one-pager': `## The people
Four to start: Priya on bank feeds, Tom on payroll tax changes, Aisha on API migrations and Lee on retail integrations. Each of them answers the same hard questions every week, and none of them posts in public today. I will ask each of them in a one-to-one next week, say what I have noticed, and make it clear that saying no, or not yet, is fine and changes nothing.

## Time
Two hours a week each, written into the sprint plan for six months, with a review of how it is going at three months.

## Fast answers
Dan in communications answers "ask first" questions within one working day, with Mira as his deputy when he is away. We keep a shared page of cleared customers, public dates and standard incident wording so the common questions answer themselves.

## Review
Only when someone asks, or when a post touches a topic on our ask-first list. Same-day turnaround, suggestions rather than rewrites, and the post stays the author's.

## Recognition
Specific thanks in the monthly team meeting, advocacy counted as work in the objectives of those who take part, and speaking and writing invitations passed on to them. No prizes, points or share counts.

## Measures
Each month: questions answered, posts linked from tickets or documentation, invitations and inbound, how many are still writing, and our own answer and review times. For leadership, those numbers plus one concrete story.

## What we won't do
Script posts for people to share, make it compulsory, watch anyone's personal accounts, require approval for everything, or reward volume over usefulness.`,
};
