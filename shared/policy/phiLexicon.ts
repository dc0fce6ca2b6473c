/**
 * Word lists for the PHI guard: common given names (a capitalised given name followed by a capitalised surname is a
 * person), words that look like names but are medical eponyms or ordinary words, and US state codes for ZIP codes.
 */

/** Common given names (US, and of the Arabic-, Hindi-, Urdu-, Spanish- and French-speaking patients Med42 serves, in Latin letters), lower case. Names that are also common words (Will, May, Grace, Bill) are left out. */
export const GIVEN_NAMES = new Set(`
aaron abigail adam adrian aiden alan albert alex alexander alexandra alexis alice alicia allison amanda amber amy ana
andrea andrew angela angelica anita ann anna anne annie anthony antonio arthur ashley audrey austin barbara benjamin
bernard beth betty beverly billy bobby bonnie brandon brenda brian brittany bruce bryan caleb cameron carl carla carlos
caroline carolyn catherine charles charlotte cheryl chloe chris christian christina christine christopher cindy claire
clara cody connie craig cynthia daniel danielle david deborah debra denise dennis derek diana diane donald donna doris
dorothy douglas dylan edward eileen elaine eleanor elena elijah elizabeth ella ellen emily emma eric erica erin ethan
eugene eva evelyn fatima felix fernando florence frances francisco gabriel gabriela gail gary george gerald gina gloria
gordon greg gregory hannah harold harry heather helen henry howard ian isaac isabel isabella jacob jacqueline james
jamie jane janet janice jasmine jason javier jean jeffrey jennifer jeremy jerry jesse jessica jesus joan joanne joe joel
john johnny jonathan jorge jose joseph joshua joyce juan judith judy julia julian julie justin karen katherine kathleen
kathryn kathy katie keith kelly kenneth kevin kimberly kyle larry laura lauren lawrence leah leonard leslie lillian linda
lisa logan lori louis louise lucas lucy luis luke lydia madison margaret maria marie marilyn mario martha martin marvin
mary matthew megan melissa michael michelle miguel mildred monica nancy natalie nathan nicholas nicole noah norma olivia
oscar pamela patricia patrick paul paula peggy peter philip phillip rachel ralph randy raymond rebecca regina richard
rita robert roberto roger ronald rosa ruth ryan samantha samuel sandra sara sarah scott sean sharon shirley sofia sophia
stephanie stephen steven susan teresa theresa thomas timothy tina todd tom tony tracy travis tyler valerie vanessa
victor victoria vincent virginia walter wanda wayne william willie yolanda zachary ahmed mohammed muhammad priya raj
wei li ming chen yuki hiroshi carmen lucia diego ricardo elena olga ivan dmitri sergei anya aisha omar ali hassan
abby adriana agnes aileen alberto alejandro alfred alfredo alison allan alma alvin amelia amir andre andres angel angie annette antoinette arlene armando arnold audrey beatrice becky belinda benny bernice bertha bethany betsy blake bobbie boris brad bradley brett bridget brooke byron calvin camila candace carly carmen carol carole caroline carrie casey cecilia celia chad chandler charlene charlie chelsea chester christy clarence claude claudia clayton clifford clifton clint clyde colleen connor constance cora corey courtney curtis daisy dale dallas damian dana darlene darrell darren daryl dave dean deanna debbie deborah dolores dominic dora doreen duane dustin earl ed eddie edgar edith edna eduardo edwin elaine elisa ellie elliot elmer eloise elsie emilio emmanuel enrique erik ernest ernesto esther ethel eugenia everett felicia fiona floyd francis franklin fred freddie frederick gavin geneva georgia geraldine gerardo gilbert gilberto glen glenn gustavo gwen gwendolyn hailey harvey hazel hector heidi herbert herman hilda holly homer hubert hugh hugo ida ignacio imani inez irene iris irma isaiah ivy jackie jaime jake janelle janie jared jasmine jay jeanette jeanne jeff jenna jenny jerome jessie jill jim jimmy jo joanna jodi jody joey johanna jon jordan josefina josephine juanita julio kara kari karl kate katrina kay kayla keisha kelsey ken kendra kenny kerry kim kirk kristen kristin kristina kurt lacey lamar lance latoya laurie leah lee leo leon leona leroy lester leticia lila lindsay lindsey lionel lloyd lois lonnie lorena lorenzo loretta lorraine lowell luann lucille luz lynda lynn mabel mack mae malcolm mandy manuel marc marcella marcia marco marcus margarita margie marguerite maria mariah marian marianne marion marisol marjorie marlene marsha marshall maureen maxine melanie melba melinda melody melvin mercedes micheal mike milton mindy miriam misty mitchell molly morris myra myrtle nadia naomi natasha neil nellie nelson nettie nicolas nina nora norman omar opal orlando owen pablo pam patsy patti pauline pearl pedro percy perry phyllis preston priscilla rafael ramon ramona randall randolph raquel raul reginald rene renee rex rhonda ricky rob robbie robin rochelle rodney rogelio roland rolando roman ron ronnie rosalie rosemary ross roxanne ruben rudy russell sabrina sally salvador sam sammy santiago saul selena sergio seth shanna shannon shaun shawn sheila shelby shelia sherri sherry sidney silvia simon sonia sophie stacey stacy stanley stella stuart sylvia tamara tami tammy tanya tara ted terrance terrence terri terry thelma tiffany timmy toby tommy toni tonya tracey trevor troy tyrone ursula vera vernon veronica vicki vickie viola virgil vivian wallace warren wendell wendy wesley whitney wilbur wilma winifred yvette yvonne zoe deborah harold gloria wendell marcus rosa
khaled khalid mohammad mohamed mohamad abdullah abdul yousef youssef yusuf ibrahim ismail hussein hussain hamad hamdan saeed faisal fahad nasser majid mariam maryam noura fatma layla leila salma huda hana rania reem amira yasmin zainab zaynab khadija aysha ayesha saima imran asif bilal usman hamza tariq zafar arshad aslam akram shazia rukhsana parveen farah ramesh suresh rajesh mahesh dinesh mukesh rakesh anil sunil vijay ajay sanjay amit sumit rohit rahul vikas vinod pramod ashok manoj santosh deepak prakash arun varun ganesh krishna gopal sunita kavita savita pooja neha anjali aarti lakshmi radha meena rekha sita geeta pilar josé maría lucía jesús françoise nathalie philippe sylvie isabelle christophe sébastien
`.trim().split(/\s+/));

/** Medical eponyms and terms that are capitalised but are not people in a patient context. */
export const EPONYMS = new Set(`
addison alzheimer apgar asperger babinski barrett becker bell bence berger behcet brugada budd burkitt chiari charcot
cheyne chvostek conn crohn cushing dandy diamond dubin duchenne dupuytren ehlers epstein ewing fabry fallot fanconi felty
friedreich gaucher gilbert glasgow goodpasture graves guillain barre hashimoto heimlich henoch hirschsprung hodgkin
homan homans horner huntington hurler kaposi kawasaki kernig klinefelter korsakoff kussmaul lambert legg lennox lesch
liddle lyme mallory marfan meckel meniere munchausen murphy nyhan osgood osler paget parkinson perthes peyronie prader
raynaud reiter reye romberg schonlein sjogren stevens stokes takayasu takotsubo tay sachs tietze tourette trendelenburg
turner valsalva virchow von willebrand wegener wernicke whipple wilms wilson wolff zollinger ellison wells cockcroft gault
friedewald child pugh ranson mallampati korotkoff frank starling beck allen trousseau kerley hampton westermark mcburney
rovsing psoas obturator levine austin flint quincke corrigan duroziez traube janeway roth gram ziehl neelsen westergren
papanicolaou pap hodgkins grave bells crohns parkinsons alzheimers cushings addisons hashimotos raynauds sjogrens tourettes
down edwards patau angelman rett dravet west sever todd jacksonian ramsay hunt
`.trim().split(/\s+/));

/** Capitalised words that follow "Dr", "Patient", "Mr" etc. without being a name. */
export const NOT_NAMES = new Set(`
the a an this that these those his her their my our your its is was has had have with who which and or but in on at to
for from of by as if when while after before during since until about into over under education information care plan
history notes note record records chart data portal safety privacy rights advocate advocacy experience satisfaction
id identifier number name names list room bed unit ward floor transport transfer discharge admission consent centered
centred reported says said states stated presents presented denies complains is are was were will would can could
should may might must reports came went has also still now today yesterday tomorrow pt patient patients mr mrs ms
miss mx mister dr doctor nurse resident client sir madam dear hi hello hey thanks anyone someone please can does did
`.trim().split(/\s+/));

/** Words after a capitalised name that show it is a condition, sign or score, not a person. */
export const EPONYM_FOLLOWERS = /^\s*(?:'s\s+|s\s+|’s\s+)?(?:disease|syndrome|palsy|sign|signs|test|tests|law|score|criteria|triad|maneuver|manoeuvre|phenomenon|reflex|lymphoma|sarcoma|tumor|tumour|thyroiditis|ulcer|esophagus|oesophagus|equation|formula|classification|scale|stage|staging|respiration|breathing|node|nodes|nodules?|body|bodies|cells?|fracture|procedure|operation|rule|rules|method|stain|staining|technique|position|point|ratio|index|mechanism|curve|effect|hypothesis|deformity|contracture|disorder|encephalopathy|psychosis|dementia|disease's)\b/i;

export const US_STATES = new Set(`
AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD
TN TX UT VT VA WA WV WI WY DC PR
`.trim().split(/\s+/));

/** Public reference sites whose links are not identifiers (guidelines, journals, agencies). */
export const PUBLIC_DOMAINS = /(?:^|\.)(?:gov|mil|edu|who\.int|nih\.gov|cdc\.gov|fda\.gov|nice\.org\.uk|nhs\.uk|europa\.eu|doi\.org|pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov|nejm\.org|thelancet\.com|bmj\.com|jamanetwork\.com|uptodate\.com|medscape\.com|wikipedia\.org|cochranelibrary\.com|idsociety\.org|heart\.org|acc\.org|diabetes\.org|cancer\.gov|cancer\.org|mayoclinic\.org|clevelandclinic\.org|hl7\.org|fhir\.org|snomed\.org|loinc\.org|github\.com|npmjs\.com|python\.org|readthedocs\.io|stackoverflow\.com|988lifeline\.org)$/i;
