/// The intent phrase table: (pattern, weight) per intent, in `PhrasePattern` notation over normalized words
/// (`cant`, `dont`, `x ray`). Strong, unambiguous phrases weigh 3 or more; phrases another intent can share
/// weigh 2; hints that only tip a balance weigh 1.5 or less. `reschedule`'s own verbs weigh 4 so that `cancel
/// and rebook` is a reschedule. `other` has phrases of its own too: a request the practice takes a message for (a
/// bill, a form, a message for someone), weighted low so that any named intent beside them wins.
extension IntentClassifier {
    static let table: [(Intent, [(String, Double)])] = [
        (
            .book,
            [
                ("make|book|schedule|get|set|setup|need|needs|want|like a|an? new? appointment", 3),
                ("can|could dr|doctor ~ see me|us|him|her", 2.5),
                ("can|could|may i|we|he|she see|visit dr|doctor|nurse|someone|somebody", 2.5),
                (
                    "want|need|needs|like|get|schedule|book a|an|my|his|her|the? "
                        + "checkup|physical|consultation|exam|screening|visit",
                    2
                ),
                ("is|are dr|doctor ~ available|free|around|in", 2),
                ("follow up|followup", 1.5),
                ("have|got any? openings|availability|slots|appointments", 2),
                ("set up a|an? appointment|visit|time|consultation", 3),
                ("need|needs ~ _ checked|seen|examined", 2),
                ("appointment|appointments|appt", 1),
                ("book|schedule|booking|scheduling", 2),
                ("to see ~ dr|doctor|nurse|someone|somebody|physician|gp", 2.5),
                ("see a|the doctor|dr|nurse", 1),
                ("come|get|pop in", 1.5),
                ("be seen", 1.5),
                ("stop by", 1.5),
                ("checkup|physical|consultation|consult|visit|exam|screening", 1),
                ("check up", 1),
                ("available|availability|openings|slot|slots|free", 1),
                ("new patient", 1.5),
                ("fit|squeeze me|us|him|her in", 2.5),
                ("earliest|soonest", 1),
                ("first|next available", 1),
                ("get looked at", 1.5),
                ("get checked|seen", 1.5),
            ]
        ),
        (
            .cancel,
            [
                ("cancel|cancelling|canceling|cancellation|cancelled|canceled", 3),
                ("cant|cannot|wont|couldnt make it|my|the|our|tuesday|monday|wednesday|thursday|friday", 2),
                ("wont|cant|not be able to come|make|attend|be", 2.5),
                ("not|never going|gonna to? be able to make|come|attend|be", 2.5),
                ("not going to|gonna make it", 2.5),
                ("call|calling off", 2),
                ("no longer need", 2.5),
                ("dont need ~ appointment anymore", 2.5),
                ("take me|us|him|her off the? schedule|list|books", 2),
                ("drop my appointment", 3),
            ]
        ),
        (
            .reschedule,
            [
                ("reschedule|rescheduling|rebook|rebooking|rearrange|postpone", 4),
                ("move|change|push|shift|switch|swap|bump ~ appointment|appt|booking|visit", 3),
                ("move|push|bump|shift it|this|that ~ back|forward|later|earlier|to", 2.5),
                ("change ~ time|day|date", 2.5),
                ("different|another|other day|time|date|week", 2),
                ("instead", 1.5),
                ("push back", 2),
                ("move it", 2),
            ]
        ),
        (
            .prescription,
            [
                ("prescription|prescriptions|refill|refills|renew|renewal|repeat", 3),
                ("medication|medications|medicine|meds|pills|inhaler|tablets|insulin|antibiotics", 1.5),
                ("pharmacy|pharmacist|chemist", 1.5),
                ("ran|run|running out of", 2),
                ("dose|dosage", 1),
                ("renewed|refilled", 3),
            ]
        ),
        (
            .results,
            [
                ("results|result", 3),
                ("test|tests|lab|labs|bloodwork|xray|ray|scan|mri|biopsy|ultrasound|mammogram|cholesterol", 1),
                ("blood work", 1),
                ("come|came back", 1.5),
                ("back yet", 1.5),
                ("findings|report", 1),
                ("did|have ~ test|tests|labs|bloodwork|scan|xray|ray|biopsy ~ come|came", 1.5),
            ]
        ),
        (
            .hours,
            [
                ("hours", 3),
                ("you|office|practice|clinic|surgery|doctors|it ~ open|close|closed|opening|closing", 3),
                ("open|closed|opening|closing|close", 1.5),
                ("what time do|does|are you", 2),
                ("how late|early", 2),
                ("open on|at|until|till", 1),
            ]
        ),
        (
            .address,
            [
                ("address", 3),
                ("located|location|directions|parking|park", 2.5),
                ("where are you", 3),
                ("where is the|your office|clinic|practice|surgery|building", 3),
                ("where is it", 3),
                ("where exactly", 2),
                ("how do|can i get there|to", 3),
                ("get there", 2),
                ("which building|floor|suite|street|entrance", 1.5),
                ("bus|train|subway|nearest|map|postcode|zip", 1),
            ]
        ),
        (
            .human,
            [
                (
                    "speak|talk|speaking|talking to ~ someone|somebody|person|human|receptionist|operator|"
                        + "representative|nurse|agent|staff|manager|anybody|anyone|people",
                    3
                ),
                ("real|actual|live person|human|people", 3),
                ("human|operator|representative|receptionist|agent", 2),
                ("front desk", 2),
                ("transfer|connect me|us", 2.5),
                ("put me through", 2.5),
                ("robot|machine|computer|bot", 1.5),
            ]
        ),
        (
            .other,
            [
                ("leave|take|give a message", 3),
                ("pass on a message", 3),
                ("message for|to", 2),
                ("question|query|enquiry|inquiry|problem about|regarding|with", 2),
                ("bill|billing|invoice|charge|charged|payment|refund|insurance|insurer", 2),
                ("form|forms|paperwork|letter|referral|records|certificate", 1.5),
                ("sick|doctors|fit note", 2),
            ]
        ),
    ]
}
