/// Given names and family names common among the patients of English-speaking practices, for hearing the name
/// of a caller who is not yet a patient (`RecognitionContext.nameGrammar(names:includesCommonNames:)`).
///
/// The idea is the public name statistics of the US and the UK: the US Census Bureau's frequent surnames of the
/// 2010 census, the Social Security Administration's popular given names by decade, and the Office for National
/// Statistics' baby names and common surnames of England and Wales. The lists were written by hand from general
/// knowledge of which names rank high there, over several generations of callers (a caller may be eighty or
/// eighteen), with the common names of the larger communities of other origins in UK and US practices (South
/// Asian, Chinese, Vietnamese, Korean, West African, Hispanic, Irish, Polish and other European). They are not a
/// copy of any published file and make no claim to rank order: the grammar gives every name the same weight.
///
/// A caller whose name is in neither list is not heard by this context; the dialogue must spell it out or take
/// it down another way. Names are written as they are spelled; the grammar turns them into spoken words like any
/// other name (`O'Brien` → `o'brien`).
///
/// Not real-time safe: control thread only (the lists are constants; reading them is safe anywhere).
public enum CommonNames {
    /// Given names of both sexes (185; a test holds both lists free of duplicates).
    public static let given = [
        // Men's names common over the last eighty years in the US and the UK.
        "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles",
        "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Paul", "Andrew", "Joshua",
        "Kenneth", "Kevin", "Brian", "George", "Timothy", "Ronald", "Edward", "Jason", "Jeffrey", "Ryan", "Jacob",
        "Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Justin", "Scott", "Brandon", "Benjamin", "Samuel",
        "Gregory", "Alexander", "Frank", "Patrick", "Jack", "Aaron", "Adam", "Nathan", "Henry", "Peter", "Ethan",
        "Sean", "Arthur", "Lawrence", "Dylan", "Jordan", "Alan", "Vincent", "Russell", "Philip", "Harry", "Oliver",
        "Liam", "Leo", "Oscar", "Charlie", "Luke", "Callum", "Connor", "Stuart", "Graham", "Ian", "Colin", "Neil",
        "Gareth", "Darren", "Craig", "Martin", "Simon", "Tony", "Owen", "Rhys", "Declan",
        // Women's names, the same way.
        "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Lisa",
        "Nancy", "Margaret", "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Amanda", "Melissa",
        "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura", "Amy", "Angela", "Anna", "Emma", "Nicole", "Helen",
        "Samantha", "Katherine", "Christine", "Rachel", "Catherine", "Heather", "Diane", "Julie", "Olivia", "Victoria",
        "Kelly", "Lauren", "Megan", "Hannah", "Jacqueline", "Ann", "Alice", "Sophia", "Grace", "Charlotte", "Amelia",
        "Sophie", "Lucy", "Gemma", "Claire", "Joanne", "Fiona", "Siobhan", "Zoe", "Leah",
        // Common among patients of other origins.
        "Jose", "Juan", "Carlos", "Luis", "Miguel", "Antonio", "Maria", "Carmen", "Rosa", "Lucia", "Mohammed", "Ahmed",
        "Ali", "Omar", "Hassan", "Ibrahim", "Yusuf", "Tariq", "Imran", "Fatima", "Aisha", "Zainab", "Maryam", "Amina",
        "Yasmin", "Raj", "Amit", "Sanjay", "Arjun", "Priya", "Anjali", "Sunita", "Wei", "Mei", "Minh", "Linh", "Kwame",
        "Chinedu", "Ngozi",
    ]

    /// Family names (312).
    public static let family = [
        // Frequent in the US census and in England and Wales alike.
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Thomas", "Taylor",
        "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker",
        "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Nelson", "Baker", "Hall", "Campbell",
        "Mitchell", "Carter", "Roberts", "Phillips", "Evans", "Turner", "Parker", "Edwards", "Collins", "Stewart",
        "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard",
        "Cox", "Ward", "Richardson", "Watson", "Brooks", "Wood", "James", "Bennett", "Gray", "Hughes", "Price",
        "Sanders", "Myers", "Long", "Ross", "Foster", "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Bell",
        "Coleman", "Butler", "Henderson", "Barnes", "Fisher", "Simmons", "Jordan", "Patterson", "Alexander", "Hamilton",
        "Graham", "Reynolds", "Griffin", "Wallace", "West", "Cole", "Hayes", "Bryant", "Gibson", "Ellis", "Stevens",
        "Murray", "Ford", "Marshall", "Owens", "Harrison", "McDonald", "Woods", "Washington", "Kennedy", "Wells",
        "Henry", "Freeman", "Webb", "Tucker", "Burns", "Crawford", "Simpson", "Porter", "Hunter", "Gordon", "Shaw",
        "Mason", "Dixon", "Hunt", "Hicks", "Holmes", "Palmer", "Black", "Robertson", "Boyd", "Rose", "Stone", "Fox",
        "Warren", "Mills", "Rice", "Daniels", "Ferguson", "Nichols", "Stephens", "Weaver", "Ryan", "Gardner", "Payne",
        "Grant", "Dunn", "Spencer", "Hawkins", "Arnold", "Pierce", "Peters", "Hart", "Bradley", "Knight", "Elliott",
        "Cunningham", "Duncan", "Armstrong", "Hudson", "Carroll", "Andrews", "Johnston", "Matthews", "Richards",
        "Lawrence", "Hopkins",
        // More frequent in the UK: English, Welsh, Scottish and Irish.
        "Davies", "Clarke", "Griffiths", "Owen", "Lloyd", "Rees", "Morrison", "Doyle", "O'Brien", "O'Connor", "O'Neill",
        "Byrne", "Walsh", "Quinn", "McCarthy", "Fitzgerald", "Brennan", "Gallagher", "MacDonald", "Reid", "Fraser",
        "Cameron", "Chapman", "Webster", "Barker", "Atkinson", "Dawson", "Fletcher", "Pearson", "Mahoney", "Connolly",
        // Hispanic.
        "Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez", "Ramirez", "Torres",
        "Flores", "Rivera", "Gomez", "Diaz", "Cruz", "Reyes", "Morales", "Gutierrez", "Ortiz", "Ramos", "Chavez",
        "Mendoza", "Ruiz", "Alvarez", "Castillo", "Jimenez", "Moreno", "Herrera", "Medina", "Aguilar", "Castro",
        "Fernandez", "Vargas", "Guzman", "Mendez", "Silva", "Munoz", "Salazar", "Soto", "Vasquez", "Santos", "Delgado",
        "Pena", "Contreras", "Sandoval", "Romero", "Navarro", "Dominguez",
        // South Asian.
        "Patel", "Singh", "Kaur", "Khan", "Ahmed", "Ali", "Hussain", "Begum", "Shah", "Rahman", "Islam", "Akhtar",
        "Iqbal", "Malik", "Sharma", "Kumar", "Gupta", "Chowdhury", "Mahmood", "Desai", "Joshi", "Mehta",
        // East and Southeast Asian.
        "Nguyen", "Tran", "Pham", "Le", "Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Wong", "Chan", "Yang", "Zhao",
        "Wu", "Lin", "Kim", "Park", "Choi", "Tanaka", "Sato", "Cheung", "Ho", "Lam",
        // West African.
        "Okafor", "Adeyemi", "Okonkwo", "Mensah", "Osei", "Owusu",
        // Other European.
        "Nowak", "Kowalski", "Wisniewski", "Ivanov", "Rossi", "Russo", "Romano", "Costa", "Ferreira", "Oliveira",
        "Pereira", "Cohen", "Levy", "Schmidt", "Schneider", "Muller", "Yilmaz",
    ]
}

extension CommonNames {
    /// `given` as grammar words (`RecognitionContext.nameWords`), one word each.
    static let spokenGiven = Self.given.flatMap(RecognitionContext.nameWords)

    /// `family` as grammar words: `O'Brien` → `o'brien`, `MacDonald` → `macdonald`.
    static let spokenFamily = Self.family.flatMap(RecognitionContext.nameWords)
}
