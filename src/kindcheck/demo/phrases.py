"""Word banks for the sample team. Plain data: the generator picks from these with its seeded
random source, so the same seed always tells the same stories."""

from __future__ import annotations

FIRST_NAMES = (
    "Priya", "Tomás", "Yuki", "Grace", "Daniel", "Lena", "Omar", "Aisha", "Mateo", "Ingrid",
    "Kwame", "Sofia", "Hiroshi", "Chloé", "Ravi", "Nadia", "Felix", "Amara", "Jonas", "Mei",
    "Samuel", "Zeynep", "Lucas", "Fatima", "Erik", "Ana", "Kofi", "Elif", "Noah", "Leila",
    "Mikael", "Ines", "Dev", "Hana", "Oscar", "Thandiwe", "Arjun", "Freya", "Diego", "Wen",
    "Malik", "Astrid", "Rosa", "Kenji", "Maya", "Bilal", "Clara", "Tariq", "Elena", "Jun",
)  # fmt: skip

LAST_NAMES = (
    "Raman", "Herrera", "Sato", "Mensah", "Brooks", "Vogel", "Haddad", "Okoye", "Rossi",
    "Lindqvist", "Asante", "Moreau", "Nakamura", "Kowalski", "Iyer", "Petrova", "Schmidt",
    "Adeyemi", "Berg", "Chen", "Osei", "Yilmaz", "Costa", "Rahman", "Nilsson", "Silva",
    "Boateng", "Demir", "Fischer", "Karimi", "Virtanen", "Ortega", "Patel", "Kim", "Novak",
    "Dlamini", "Menon", "Hansen", "Navarro", "Liu", "Farouk", "Holm", "Mendes", "Ito",
    "Walsh", "Aziz", "Keller", "Hussain", "Popescu", "Park",
)  # fmt: skip

ROLES = (
    "Staff engineer", "Backend engineer", "Product designer", "QA engineer",
    "Engineering manager", "Data analyst", "Junior developer", "Frontend engineer",
    "Site reliability engineer", "Product manager", "UX researcher", "Mobile engineer",
    "Security engineer", "Technical writer", "Data engineer", "Support lead",
    "Platform engineer", "Engineering intern", "Solutions architect", "Scrum master",
)  # fmt: skip

LIFE = (
    "two kids under five", "a newborn at home", "caring for a parent who lives nearby",
    "a teenager starting high school", "a partner working night shifts", "a new puppy",
    "just moved to a new flat", "planning a wedding next summer", "a long-distance family",
    "a grandmother who turns 90 this year", "twins who just started school",
    "renovating an old house", "an elderly cat that needs daily medicine",
)  # fmt: skip

HOBBIES = (
    "bouldering twice a week", "sings in a choir", "runs half marathons",
    "grows vegetables on an allotment", "plays in a five-a-side league", "bakes sourdough",
    "volunteers at a food bank", "learning Japanese", "restores old bicycles",
    "paints watercolours", "plays chess online", "swims before work", "keeps bees",
    "coaches a kids' football team", "builds mechanical keyboards", "hikes every weekend",
)  # fmt: skip

GOALS = (
    "wants to grow into a tech-lead role", "hopes to give a conference talk this year",
    "wants to get better at public speaking", "curious about moving into product",
    "wants deeper database skills", "aiming for a senior promotion", "wants to mentor someone",
    "learning to lead incident response", "wants to write more", "keen to try management",
    "wants a better work-life balance after a hard year", "studying for a cloud certificate",
)  # fmt: skip

HOW_LOW = (
    "Exhausted. Slept badly all week.",
    "Honestly a rough week; it all feels like too much.",
    "Stressed about the deadline and it shows at home.",
    "Feeling a bit lost on what matters most right now.",
    "Worried about a family member; hard to focus.",
    "Frustrated: a week of meetings and nothing finished.",
    "Low energy, fighting off a cold.",
)  # fmt: skip

HOW_MID = (
    "Okay. Busy, but managing.",
    "Fine, a bit tired after the release.",
    "Mixed week: good progress, too many interruptions.",
    "Steady. Nothing special, nothing bad.",
    "Alright, still settling into the new routine.",
    "Getting there. The on-call week was long.",
    "A bit distracted, but in a good place overall.",
)  # fmt: skip

HOW_HIGH = (
    "Really good: rested and full of ideas.",
    "Great week, felt properly useful.",
    "Happy: the team gelled this sprint.",
    "Energised after the offsite.",
    "Good! Finally some deep-focus days.",
    "Proud of the launch, and sleeping well again.",
    "Relaxed after a long weekend away.",
)  # fmt: skip

WEEKEND = (
    "Spent the weekend at the coast.", "Had family visiting.", "Ran a 10k on Sunday.",
    "Kids were ill over the weekend.", "Finally finished the kitchen shelves.",
    "Went to a friend's wedding.", "Quiet weekend, lots of reading.",
    "Took the kids to the zoo.", "Away at a climbing festival.", "Helped a friend move.",
)  # fmt: skip

AREAS = (
    "billing service", "search page", "onboarding flow", "mobile app", "data pipeline",
    "design system", "reporting dashboard", "API gateway", "checkout", "test suite",
    "release process", "notifications", "admin tool", "on-call runbook", "login page",
)  # fmt: skip

PROGRESS = (
    "Shipped the {area} changes without a single rollback.",
    "Paired with {peer} on the {area}; both learned a lot.",
    "Cut the {area} build time in half.",
    "Wrote clear docs for the {area}.",
    "Ran a great demo of the {area} for the whole company.",
    "Closed the last open bugs in the {area}.",
    "Mentored {peer} through their first change to the {area}.",
    "Led the retro and turned it into three concrete actions.",
    "Handled a tricky customer escalation calmly.",
    "Got the {area} tests green and stable.",
    "Proposed a simpler design for the {area}; the team agreed.",
    "Finished the course module on {skill}.",
)  # fmt: skip

MISSING = (
    "No access to the staging logs for the {area}.",
    "Waiting on the platform team before the {area} can move.",
    "Unclear who decides on the {area} scope.",
    "No test data for the {area}.",
    "Laptop too slow to run the {area} locally.",
    "Requirements for the {area} keep changing mid-sprint.",
    "Needs a second reviewer who knows the {area}.",
    "No quiet time for focused work: too many meetings.",
    "Missing a clear definition of done for the {area}.",
    "Hasn't had training on {skill} yet.",
    "Feels unsafe raising concerns in the {area} design review.",
)  # fmt: skip

SKILLS = (
    "Kubernetes", "accessibility", "SQL performance", "incident command", "Rust",
    "user interviews", "threat modelling", "technical writing", "product analytics",
)  # fmt: skip

THEIR_WORDS = (
    "I want to own the {area} rollout end to end.",
    "I rushed the review last week; next time I'll block an hour for it.",
    "I think I'm ready to lead the next planning session.",
    "I'll ask for help earlier instead of waiting until I'm stuck.",
    "Proud of how I handled the incident. I want to write the postmortem.",
    "I'd like to spend Fridays on {skill}.",
    "I said yes to too much; I'll hand the {area} reviews to {peer}.",
    "I want feedback on my design docs, honestly.",
    "My goal for next month: ship the {area} and take a proper holiday.",
    "I'll pair with {peer} to learn the {area}.",
)  # fmt: skip

# "How can I help?" answers, by what people need to do good work.
HELP = {
    "tools": (
        "Order a faster laptop", "Get access to the staging logs",
        "Ask ops for a second monitor", "Sort out the licence for the profiler",
    ),
    "training": (
        "Book the {skill} course", "Find a mentor for {skill}",
        "Approve the conference ticket", "Share my notes on running workshops",
    ),
    "directions": (
        "Clarify who owns the {area} scope", "Bring the {area} priorities to the roadmap meeting",
        "Write down what done means for the {area}", "Ask product for the {area} goals in writing",
    ),
    "standards": (
        "Agree a review checklist for the {area}", "Set up a coding standard session",
        "Share examples of good design docs", "Put the {area} definition of done on the wiki",
    ),
    "safety": (
        "Move the design review to a smaller group", "Talk to the team about meeting-free mornings",
        "Check the on-call rota is fair", "Follow up on the ergonomic chair request",
    ),
    "other": (
        "Introduce them to the {area} team lead", "Cover the Friday stand-up for them",
        "Find out about flexible hours for school pick-ups", "Nominate them for the team award",
    ),
}  # fmt: skip

TOPICS = (
    "How the {area} release went", "Career plan", "Feedback on the design doc",
    "The {skill} course", "Workload after the launch", "Growth goals for next quarter",
    "Preparing the conference talk", "How the new routine is going", "On-call week recap",
    "Mentoring {peer}",
)  # fmt: skip
