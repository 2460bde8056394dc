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
The "Scanning and labelling" category of Warehouse Tech Exchange, an open Discourse forum kept going by volunteers from the logistics trade. Anyone can read it without an account; posting needs a free sign-up.

## Who is there
Shift supervisors and site IT leads from third-party logistics firms ask most of the questions. The replies come from a handful of integrators, two field engineers from printer manufacturers, and a retired distribution-centre manager who seems to read every post. Over the past four weeks I counted roughly sixty new topics, and about two thirds had an accepted reply within three days.

## What they keep asking
1. "Our handheld scanners read the barcode fine in the office but fail on the dock. Why?"
2. "How do we reprint a pallet label without creating a duplicate pallet in the system?"
3. "Is it worth moving from 1D barcodes to 2D codes, and what breaks if we do?"

## Who answers today
The retired manager writes the replies people mark as solved: short, practical, and honest about what he has not tried himself. The printer engineers are helpful but stay inside their own hardware. Our company has no presence there at all. Several posters mention our software by name when they ask, and nobody from our side ever replies.

## What we are missing
Three weeks ago a supervisor asked why reprinted pallet labels kept producing "ghost" pallets in her cycle counts. We see this in our own support queue every month: the reprint screen issues a new licence-plate number unless the operator ticks "replace existing label". A good reply would have named that cause in one sentence, shown where the option sits, and explained how to find and merge the ghost records already created.

## One thing I could contribute
Next week I will reply in that thread with the reprint option and the clean-up steps, say plainly that I work for the vendor, and include nothing that is not already in our public help pages. If other sites turn out to have the same trouble, I'll ask our documentation team whether the help page needs a clearer warning.`,

  'what-i-know': `## What I know
I help ward nurses and their managers get medication alerts under control, because I spent nine years on a surgical ward before moving into clinical informatics, and I have since tuned the alert rules for eleven wards.

## Questions people bring me
1. "Why does the system warn me about every routine painkiller but stay quiet about the doses that matter?"
2. "Are we allowed to switch this alert off, or will we get in trouble for it?"
3. "Who decides what counts as a duplicate order?"

## A story that shows it
Last winter a respiratory ward was overriding almost nine in ten of its drug-interaction alerts, and everyone assumed the rules were simply too strict. I sat with the night shift for two evenings and saw that most overrides came from a single inhaler pairing that pharmacists had judged safe years earlier. With the pharmacy team's sign-off we retired that one rule. Within a month overrides had halved, and nurses were reading the alerts that remained.

## What I would like to write about first
A plain guide to reading your ward's override report, for charge nurses who have never been shown where it lives.

## Over to you
Which alert do you click past without reading? Is anyone here tackling alert fatigue in another department?`,

  'front-line-story': `Slow every Monday: the handheld cache that expired over the weekend

## What happened
For six weeks running, the Monday early shift at one of the distribution centres we support started badly. Between six and half past seven, each scan on the pickers' handhelds took seven or eight seconds instead of under one. By mid-morning everything was normal again, and the rest of the week was fine.

Eight seconds sounds small until you multiply it. A picker scans around four hundred times an hour, and the site runs ninety handhelds on that shift. The supervisors were holding lorries at the gate and asking pickers to skip scans, which is how stock records go wrong.

The site's IT lead was sure it was the wireless network, and so was I. The symptoms fitted: a big building, lots of metal racking, and a slowdown only when everyone was on the floor.

## What we found
We spent two weeks proving ourselves wrong. A survey of the wireless showed strong signal in every aisle. The site replaced three access points anyway, and the next Monday was just as slow. I then asked for logs from the handhelds themselves, not from the network, and looked at what they were doing in the first ten minutes of the shift.

Every device was downloading the complete list of bin locations, about 120,000 rows, at the same moment. The handhelds keep that list in a local cache so that a scan can be checked without asking the server. The cache was set to expire after 48 hours. Nobody works at that site on Saturday or Sunday, so by Monday morning every cache had expired, and ninety devices asked the server for the whole list within a few minutes of each other. The server answered them one queue at a time, and every scan waited behind the downloads.

The fix had two parts. Each device now refreshes its cache at a random time during the night, while it sits in its charging rack, and it fetches only the locations that changed instead of the full list. The following Monday, scans stayed under a second from the first pallet onwards.

What still bothers me is that the clue was in the calendar from the start. A network problem does not know what day it is. We chased the most familiar suspect because it fitted the building, not because it fitted the timing.

## What I'd tell anyone facing the same thing
When a slowdown keeps a timetable, look for something that also keeps one: a cache with an expiry, a scheduled job, a certificate, a token that lasts a set number of hours. Write down exactly when the trouble starts and stops before you touch any hardware, and compare it with every timer you can find in the system.

Ask for logs from the device at the edge, not only from the servers in the middle. The server only saw a queue; the handhelds showed why the queue formed.

This rule of thumb has limits. If the slowdown follows volume rather than the clock, such as a busy Friday or a promotion, the cause is more likely capacity than a timer, and a calendar will mislead you.

## Over to you
Have you tracked down a problem that only happened on certain days? What was keeping the timetable, and how did you spot it?

---
I work as a warehouse systems engineer at a company that makes warehouse management software; this post is about my own experience, and the views are my own.`,

  'answer-a-forum-question': `Raise the batch timeout in your import settings, and the nightly run should stop failing. The upgrade shortened how long one batch is allowed to take, and at night your file now runs out of time.

**Why this happens:** The new version gives each import batch a smaller time budget before giving up. Overnight the database is also busy with backups and scheduled reports, so your 80,000 rows load more slowly and cross that shorter limit. When you retry in the morning the database is idle, which is why the same file goes through.

**Steps:**
1. Go to Administration, choose Data imports, open the Advanced tab and find the setting called "Batch timeout". The upgrade likely set it to 60 seconds; change it to 300, the value older versions used.
2. If you don't have permission to change that setting, ask whoever produces the warehouse file to split it into two halves of about 40,000 rows, and schedule the second half twenty minutes after the first.
3. The next morning, open Data imports, then Run history, and confirm that last night's run shows a green "Completed" status instead of "Timed out".

**If that doesn't fix it:** Look at what else is scheduled overnight. If a backup or a large report now starts at the same time as your import, moving the import an hour later usually clears it up.

This assumes you use the hosted version with its default schedule. On a self-hosted server the same setting may sit under System configuration rather than Administration.`,

  'write-a-linkedin-post': `Ninety warehouse handhelds slowed to a crawl every Monday morning, and only on Mondays.

If your system keeps a timetable, this is for you.

Each scan took eight seconds between six and half past seven. We blamed the wireless, replaced three access points, and nothing changed.

The handheld logs told the real story: a cache of bin locations expired after 48 hours. Nobody works at the site at weekends, so on Monday every device downloaded 120,000 rows at once.

What I'd pass on:
→ When a slowdown keeps a schedule, hunt for a timer: a cache, a job, a token.
→ Write down when it starts and stops before touching hardware.
→ Read the logs at the edge, not only on the server.

Each device now refreshes at a random time overnight, in its charging rack. Mondays are boring again.

What's the strangest schedule a bug of yours has kept?

#WarehouseManagement #Logistics`,

  'write-an-x-thread': `Every Monday, 90 warehouse handhelds took 8 seconds per scan until half past seven. Not the Wi-Fi, as we assumed: a cache that expired over the weekend. Here's how we found it.

---

For six weeks the early Monday shift at one site crawled. We surveyed the wireless, swapped three access points, and the next Monday was just as slow.

---

The handheld logs showed it: each device keeps bin locations cached for 48 hours. After an empty weekend, all 90 expired together and downloaded 120,000 rows at once.

---

Any system with a cache, a scheduled job or an expiring token can do this. If the trouble keeps a calendar, so does the cause.

---

The check: note exactly when a slowdown starts and stops, then compare it with every timer in the system. Spread refreshes out at random, and fetch only what changed.

---

Has a bug of yours kept a timetable? What was the timer, and what gave it away?`,

  'make-it-safe-to-publish': `Good week: a large grocery retailer went live on our integration, and the cutover left me with a lesson I keep repeating to colleagues.

The trick turned out to be giving prices and stock a feed each. Shelf prices move perhaps once a week, while stock counts shift every few seconds, so bundling them forced each tiny stock change to drag the full price list along with it, and the backlog grew for hours. Once we separated them, stock counts arrive in a couple of minutes and prices go out only on the days they actually change. Look at what rides along in the same feed as your fast-moving data before you pay for bigger servers.

Has anyone else pulled feeds apart this way? I'd like to hear how your cutover went.`,

  'reply-to-a-hostile-comment': `Fair point, and I won't pretend the timing is a coincidence. Three hours without taking orders is a lost day of trade for you, and the outage was ours.

The retry change I wrote about exists because of that incident. It is one of the follow-up actions in our published incident report at https://status.example.com/incidents/2291, next to the other fixes still in progress.

I'd rather talk through what your team saw than argue it out here, so our support manager will contact you this afternoon. You can also message me directly and I'll pass it straight on.`,

  'during-an-incident': `@retail_ops_sam You're not imagining it: card payments are down for a number of stores, and our incident team is on it. Each update lands here first: https://status.example.com

Really sorry, I know how busy today is for you. Want a direct line to support? Just say and I'll DM it.`,

  'write-your-about-page': `## About me
I help nursing teams make their electronic health record work with them rather than against them, especially the alerts and charts they use on every shift.

Before informatics I spent nine years as a surgical ward nurse. Since then I have tuned medication-alert rules on eleven wards, run training for more than six hundred nurses moving from paper charts, and helped two hospitals halve the number of alerts their staff override.

I'm a nurse informatics consultant at a health software company, where I work with hospitals as they configure and roll out our clinical record. Views are my own, and I say so when I write about our products.

## What I write about
- Alert fatigue, and how to cut the noise without losing the warnings that matter
- Designing screens for a night shift, not for a demo
- What ward nurses wish the people who build clinical software knew

## Start here
- Nine in ten overridden: what one respiratory ward taught me about drug-interaction alerts
- Reading your ward's override report, a guide for charge nurses (coming next month)

## Get in touch
Find me on LinkedIn, or leave a comment under any post. I answer questions from nurses first, usually within a few days.

---

## Short bio (about 50 words, third person, for talks and guest posts)
Aisha Mensah is a nurse informatics consultant at a health software company, where she helps hospitals set up their clinical records. A former surgical nurse, she has tuned alert rules on eleven wards. She writes and speaks about alert fatigue and software that suits the night shift.

## One-line bio (under 160 characters, for social profiles)
Nurse informatics consultant at a health software company. Fewer, better alerts for busy wards.`,

  'monthly-review': `## My month in advocacy: October

### What I did
- Replied to a thread on Warehouse Tech Exchange about ghost pallets after label reprints
- Published "Slow every Monday" on our engineering blog
- Shared a shorter LinkedIn version of the same story, and a six-post thread on X

### What worked
The forum reply was marked as the solution within two days, and two other site leads said they had the same ghost pallets. One of them asked whether we could write up the clean-up steps properly. I think it landed because I started with the setting to change and left the background for the end.

### What didn't
The X thread went almost unnoticed: a handful of likes and no replies. I suspect the first post tried to tell the whole story and read as a wall of numbers, so nobody had a reason to open the rest.

### What people asked about
- How to merge duplicate pallet records without losing their history
- Whether handheld caches can be refreshed while devices charge
- Which timers in our software can cause slowdowns on a schedule

### One change for next month
Rewrite the first post of any thread until it makes one claim a stranger would want to check.

### Where I'd like help
Someone from the documentation team to look over a proper guide to merging duplicate pallets, and a quick answer from the programme lead on whether screenshots of our admin screens are fine to post.`,

  'nominate-someone': `## Who, and what they know
Tomasz Brzezinski, one of our warehouse systems engineers. He is the person everyone goes to when handheld scanners misbehave: last month he traced a run of failed scans on a frozen-goods dock to lenses fogging as devices moved from the freezer into warm air, when three of us had been blaming the barcode labels.

## Why them, and why now
Tomasz explains problems with a drawing and a single question that points people at the cause. Site leads forward his notes to their own teams. In the last few weeks I have seen the same dock-scanning question in several public forum threads with weak or wrong replies, and he could answer each of them in a few minutes.

## What you offer
Two hours a week for writing, booked in his sprint plan like any other task. Ask-first questions come to me and I reply the same working day; if I am away, Lena covers them. I will review anything he wants reviewed within a day, and nothing of his has to go through me unless he asks.

## How you will ask
In our next one-to-one, as a question rather than an assignment. I'll show him two of the forum threads, explain what the time is for, and say clearly that "no" and "not this quarter" are both fine answers that won't be held against him. If he wants to think about it, I'll wait for him to come back to me.`,

  'review-a-draft': `## Sam's draft (leave it as it is)

> Huge thanks to Quillmere Grocers for trusting us with their Easter cutover! At Northwind we're all about best-in-class, seamless integrations, and this project was no exception. Our team worked incredibly hard, and I couldn't be prouder of everyone involved in making it happen.
>
> The interesting bit: their stock feed and price feed were one feed, so every stock change re-sent every price and updates queued for hours. Splitting them fixed it. Here's the call I used to test it: curl -u feedadmin:Quillmere2024 https://api.northwind.example/feeds
>
> Anyone else split feeds like this?

## Must change, with the rule
1. The retailer's name. I checked and they haven't given permission to be named in public, so the name has to come out until they do. Describing them by sector is enough for readers. The Easter detail could also point to them, so consider dropping it too.
2. The curl line contains a real-looking user name and password. Credentials never go in a public post, even in an example. Show the command with obvious stand-ins instead, and please tell the security team today so they can rotate that password, because it has already been in a shared draft.

## Suggestions, Sam's to take or leave
- The middle paragraph is the valuable part: a concrete problem and the fix, in your own voice. Leading with it would hook people in the first two lines.
- "Best-in-class, seamless integrations" sounds like our marketing site rather than you. Readers trust the engineer who did the work, so I'd cut that sentence.
- The thanks to the team is kind; a single line at the end keeps it without delaying the lesson.
- Mention that you work at Northwind somewhere in the text, since the post is about our product.

## Your note to Sam
Hi Sam, thanks for sending this over. It's a genuinely useful find and I think it'll get a good response. The two must-changes above are the only blockers; the suggestions are yours to use or ignore. Once those two are sorted, go ahead and post it, no need to run it past me again.`,

  'programme-one-pager': `## The people
We start with four people from the operations support group, each chosen for something customers already ask them about: Tomasz for handheld scanners and label printing, Lena for cycle counts and stock corrections, Kwame for carrier integrations, and Ines for reporting. All four said yes after a conversation in which declining was a real option. We add more only after the first quarter's review.

## Time
Each of them gets two hours a week, entered as a recurring task in sprint planning so it is visible and counted. When a release crunch needs that time back, their manager says so in planning, and the hours are returned the following week rather than quietly lost.

## Fast answers
Questions about whether something can be shared go to me in our team channel, and I reply within the same working day. When I'm away, Carla from the communications team is my deputy and keeps the same promise. If neither of us replies in time, the default is to wait rather than guess.

## Review
Review is required only for posts that describe a customer situation, mention unreleased features, or discuss an incident. Everything else can be published without anyone else reading it. When review is needed, one named reviewer from the group does it within one working day and comments on what must change, not on style.

## Recognition
Each month the team meeting highlights one contribution that helped someone outside the company, with the reason it worked. Writing counts in the yearly review like any other project work. We will not reward volume: no league tables of post counts, likes or followers, and no bonuses tied to reach.

## Measures
Every month I will look at how many questions our people answered in public places, how many of those answers were accepted or thanked, and what topics came back to us as questions from customers. Leadership gets a short quarterly note with two or three examples, the hours actually used, and anything that blocked people, rather than a dashboard of impressions.

## What we won't do
We will not hand people pre-written posts to share under their names, or ask them to like and repost company announcements. Nobody will be told to post a certain number of times. We won't make the programme compulsory or quietly count who declined, and we won't ask anyone to answer criticism of the company on its behalf.`,
};
