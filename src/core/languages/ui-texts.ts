/**
 * The bot's fixed wording in Kyrgyz and Tajik, with the keys the English and Russian wording has today:
 * `telegram` as in the Telegram adapter's texts, `messages` as in the answering core's messages, and two
 * lines only these languages need. Plain text; adapters escape it. Quotes stay in their source's language,
 * so the "reports" lines say so, as the Russian ones do. Dates are set off by a colon or brackets in the
 * Kyrgyz lines, so they read right whatever case the formatted date is in.
 */
export interface BotCommandText {
  command: string;
  description: string;
}

export interface KyTgTexts {
  telegram: {
    commands: BotCommandText[];
    welcome: string;
    howToAsk: (username: string) => string;
    commandList: string;
    examples: string;
    sourcesHeading: (n: number) => string;
    noLink: string;
    emptyQuestion: string;
    unknownCommand: string;
    rateLimited: (seconds: number) => string;
    apology: string;
    thanksForVote: string;
    voteExpired: string;
    subscribeInPrivate: string;
    subscribed: string;
    alreadySubscribed: string;
    unsubscribed: string;
    notSubscribed: string;
  };
  messages: {
    noSource: string;
    scope: (n: number, from: string, to: string) => string;
    youCouldAsk: string;
    differ: (title: string) => string;
    latest: (date: string) => string;
    earlier: string;
    holds: (party: string) => string;
    reports: (who: string) => string;
    reportsTwo: (a: string, b: string) => string;
    asOf: (date: string) => string;
    asOfStale: (date: string) => string;
    stale: (date: string) => string;
    about: string;
    examples: string[];
    /** The first words of an answer to a yes/no question, as of the deciding evidence's date. */
    verdict: Record<'yes' | 'no' | 'not-yet' | 'contested' | 'unknown', (date: string) => string>;
    sourcesDontSay: string;
  };
  /** One line before an answer given in Russian because the knowledge has no text in the user's language. */
  answeredInRussian: string;
  /** Where the knowledge ends, for a question about something later. */
  sourcesEnd: (date: string) => string;
}

const ky: KyTgTexts = {
  telegram: {
    commands: [
      { command: 'ask', description: 'Кыргыз-тажик чек арасы боюнча суроо берүү' },
      { command: 'sources', description: 'Мен цитата келтирген булактар, даталары менен' },
      { command: 'about', description: 'Мен эмне кылам жана кантип жооп берем' },
      { command: 'help', description: 'Кантип суроо берүү керек, мисалдар' },
      { command: 'start', description: 'Саламдашуу' },
      { command: 'subscribe', description: 'Билим базасынын жаңылыктарын алуу' },
      { command: 'unsubscribe', description: 'Жаңылыктарды албай коюу' },
    ],
    welcome:
      'Саламатсызбы! Мен Кыргызстан менен Тажикстандын ортосундагы чек ара талашы боюнча суроолорго жооп берем жана булактарымды басылманын аты, датасы жана шилтемеси менен сөзмө-сөз келтирем.',
    howToAsk: (username: string) =>
      'Суроону ушул жерге кыргызча, орусча же англисче жазыңыз. Топто /ask буйругун жана суроону жазыңыз, мени белгилеңиз же менин билдирүүмө жооп бериңиз. ' +
      `Каалаган чатта @${username} деп жазып, андан кийин суроону да жазсаңыз болот.`,
    commandList: 'Буйруктар: /ask, /sources, /about, /help.',
    examples: 'Мисалы:',
    sourcesHeading: (n: number) => `Мен цитата келтирген булактар (${n}), эң жаңыларынан баштап:`,
    noLink: 'шилтеме жок',
    emptyQuestion: 'Эмнени билгиңиз келет? Мисалы: /ask Кыргыз-тажик чек арасынын узундугу канча?',
    unknownCommand: 'Мындай буйрук жок. /help буйругун колдонуп көрүңүз.',
    rateLimited: (seconds: number) => `Сиз мен жооп берип үлгүргөндөн тезирээк сурап жатасыз. ${seconds} секунд күтүп, кайра сураңыз.`,
    apology: 'Кечиресиз, бул суроо менен бир ката кетти. Кайра аракет кылыңыз же башка суроо бериңиз.',
    thanksForVote: 'Рахмат: модераторлор кайсы жоопторду жакшыртуу керек экенин көрүшөт.',
    voteExpired: 'Бул жооп баалоо үчүн өтө эски.',
    subscribeInPrivate: 'Мен менен жеке чатта жазылыңыз.',
    subscribed: 'Жазылдыңыз: билгенимдеги ар бир жаңылыкты сизге жөнөтөм.',
    alreadySubscribed: 'Сиз мурунтан эле жазылгансыз.',
    unsubscribed: 'Жазылуу токтотулду.',
    notSubscribed: 'Сиз жазылган эмес элеңиз.',
  },
  messages: {
    noSource: 'Бул суроо боюнча менде булак жок.',
    scope: (n: number, from: string, to: string) =>
      `Мен Кыргызстан менен Тажикстандын чек арасы боюнча суроолорго ${n} булактын негизинде жооп берем (${from} – ${to}).`,
    youCouldAsk: 'Мисалы, мындай сурасаңыз болот:',
    differ: (title: string) => `Булактардын маалыматы ар башка (${title}).`,
    latest: (date: string) => `Эң акыркы маалымат (${date}):`,
    earlier: 'Мурунку маалыматтар:',
    holds: (party: string) => `${party} тарабынын көз карашы боюнча:`,
    reports: (who: string) => `${who} кабарлайт (цитата булактын тилинде):`,
    reportsTwo: (a: string, b: string) => `${a} жана ${b} кабарлашат (цитаталар булактын тилинде):`,
    asOf: (date: string) => `Маалыматтын датасы: ${date}.`,
    asOfStale: (date: string) =>
      `Маалыматтын датасы: ${date}. Бул тема боюнча эң жаңы булагым бир жылдан ашык мурун чыккан, андан бери абал өзгөрүшү мүмкүн.`,
    stale: (date: string) => `Бул тема боюнча эң жаңы булагым – ${date}, бир жылдан ашык мурун.`,
    about:
      'Мен Кыргызстан менен Тажикстандын ортосундагы чек ара талашы боюнча суроолорго жооп берем: чек аранын узундугу жана делимитациясы, сүйлөшүүлөр, кагылышуулар, Ворух жана окуяларга катышкан адамдар. ' +
      'Ар бир жоопто булактарды басылманын аты, датасы жана шилтемеси менен сөзмө-сөз келтирем. Булактар ар башка маалымат берсе, ар бир санды ким жана качан айтканы менен көрсөтөм; ' +
      'талаштуу маселелерди аны жактаган тарапка таандык кылам. Булагым жок болсо, ошону ачык айтам.',
    examples: [
      'Кыргыз-тажик чек арасынын узундугу канча?',
      'Чек аранын канча бөлүгү делимитацияланган?',
      'Ворухта канча адам жашайт?',
      '2022-жылдагы кагылышуулар качан болгон?',
      'Камчыбек Ташиев ким?',
      'Келишим күчүнө кириши үчүн кандай кадамдар калды?',
    ],
    verdict: {
      yes: (date: string) => `Ооба, ${date} карата.`,
      no: (date: string) => `Жок, ${date} карата.`,
      'not-yet': (date: string) => `Жок, ${date} карата азырынча боло элек.`,
      contested: (date: string) => `Менин булактарым муну так айтпайт: ${date} карата бул маселе талаштуу.`,
      unknown: (date: string) => `Менин булактарым муну түз айтпайт (${date} карата).`,
    },
    sourcesDontSay: 'Менин булактарым бул тууралуу эч нерсе айтпайт.',
  },
  answeredInRussian: 'Бул суроо боюнча кыргызча текстим жок, ошондуктан орусча жооп берем.',
  sourcesEnd: (date: string) => `Менин эң акыркы булагым: ${date}.`,
};

const tg: KyTgTexts = {
  telegram: {
    commands: [
      { command: 'ask', description: 'Савол дар бораи сарҳади Қирғизистону Тоҷикистон' },
      { command: 'sources', description: 'Манбаъҳое, ки ман иқтибос меорам, бо санаҳо' },
      { command: 'about', description: 'Ман чӣ кор мекунам ва чӣ тавр ҷавоб медиҳам' },
      { command: 'help', description: 'Чӣ тавр савол додан, бо мисолҳо' },
      { command: 'start', description: 'Хуш омадед' },
      { command: 'subscribe', description: 'Гирифтани навигариҳои пойгоҳи дониш' },
      { command: 'unsubscribe', description: 'Қатъ кардани навигариҳо' },
    ],
    welcome:
      'Салом! Ман ба саволҳо дар бораи баҳси сарҳадии Қирғизистону Тоҷикистон ҷавоб медиҳам ва аз манбаъҳоям калима ба калима бо номи нашрия, сана ва пайванд иқтибос меорам.',
    howToAsk: (username: string) =>
      'Саволатонро дар ин ҷо ба забони тоҷикӣ, русӣ ё англисӣ нависед. Дар гурӯҳ /ask ва баъд саволро нависед, маро ёдовар шавед ё ба паёми ман ҷавоб диҳед. ' +
      `Дар ҳар чат метавонед @${username} ва саволро нависед.`,
    commandList: 'Фармонҳо: /ask, /sources, /about, /help.',
    examples: 'Масалан:',
    sourcesHeading: (n: number) => `Манбаъҳое, ки ман аз онҳо иқтибос меорам (${n}), аввал навтаринҳо:`,
    noLink: 'пайванд нест',
    emptyQuestion: 'Шумо чӣ донистан мехоҳед? Масалан: /ask Дарозии сарҳади Қирғизистону Тоҷикистон чанд километр аст?',
    unknownCommand: 'Чунин фармон нест. /help-ро санҷед.',
    rateLimited: (seconds: number) =>
      `Шумо саволҳоро зудтар аз он медиҳед, ки ман ҷавоб дода тавонам. Лутфан ${seconds} сония интизор шавед ва боз пурсед.`,
    apology: 'Бубахшед, бо ин савол хатое рух дод. Лутфан бори дигар кӯшиш кунед ё саволи дигар диҳед.',
    thanksForVote: 'Ташаккур: модераторон мебинанд, ки кадом ҷавобҳо беҳтар карданро талаб мекунанд.',
    voteExpired: 'Ин ҷавоб барои баҳо додан хеле кӯҳна шудааст.',
    subscribeInPrivate: 'Дар чати шахсӣ бо ман обуна шавед.',
    subscribed: 'Обуна шудед: ҳар як навсозии донишҳоямро ба шумо мефиристам.',
    alreadySubscribed: 'Шумо аллакай обуна шудаед.',
    unsubscribed: 'Обуна бекор карда шуд.',
    notSubscribed: 'Шумо обуна нашуда будед.',
  },
  messages: {
    noSource: 'Ман дар бораи ин савол манбаъ надорам.',
    scope: (n: number, from: string, to: string) =>
      `Ман ба саволҳо дар бораи сарҳади Қирғизистону Тоҷикистон дар асоси ${n} манбаъ (${from} – ${to}) ҷавоб медиҳам.`,
    youCouldAsk: 'Масалан, метавонед пурсед:',
    differ: (title: string) => `Маълумоти манбаъҳо гуногун аст (${title}).`,
    latest: (date: string) => `Маълумоти охирин, ба ҳолати ${date}:`,
    earlier: 'Маълумоти пештара:',
    holds: (party: string) => `Мавқеи ${party}:`,
    reports: (who: string) => `${who} хабар медиҳад (иқтибос бо забони манбаъ):`,
    reportsTwo: (a: string, b: string) => `${a} ва ${b} хабар медиҳанд (иқтибосҳо бо забони манбаъ):`,
    asOf: (date: string) => `Ба ҳолати ${date}.`,
    asOfStale: (date: string) =>
      `Ба ҳолати ${date}: ин навтарин манбаи ман дар ин мавзӯъ аст, аз он зиёда аз як сол гузаштааст ва аз он вақт вазъ метавонад тағйир ёфта бошад.`,
    stale: (date: string) => `Навтарин манбаи ман дар ин мавзӯъ аз ${date} аст, зиёда аз як сол пеш.`,
    about:
      'Ман ба саволҳо дар бораи баҳси сарҳадии Қирғизистону Тоҷикистон ҷавоб медиҳам: дарозӣ ва делимитатсияи сарҳад, музокирот, задухӯрдҳо, Ворух ва иштирокчиёни рӯйдодҳо. ' +
      'Ҳар ҷавоб аз манбаъҳо калима ба калима бо номи нашрия, сана ва пайванд иқтибос меорад. Агар манбаъҳо гуногун гӯянд, ҳар рақамро бо он ки кӣ ва кай гуфтааст нишон медиҳам; ' +
      'мавқеъҳои баҳсталабро ба тарафе нисбат медиҳам, ки онро ҷонибдорӣ мекунад. Агар манбаъ надошта бошам, инро рост мегӯям.',
    examples: [
      'Дарозии сарҳади Қирғизистону Тоҷикистон чанд километр аст?',
      'Чанд километри сарҳад муайян шудааст?',
      'Дар Ворух чанд нафар зиндагӣ мекунанд?',
      'Задухӯрдҳои сарҳадии соли 2022 кай рух доданд?',
      'Камчибек Ташиев кист?',
      'То эътибор пайдо кардани созишнома кадом марҳилаҳо боқӣ мондаанд?',
    ],
    verdict: {
      yes: (date: string) => `Ҳа, ба ҳолати ${date}.`,
      no: (date: string) => `Не, ба ҳолати ${date}.`,
      'not-yet': (date: string) => `Не, ба ҳолати ${date} ҳанӯз не.`,
      contested: (date: string) => `Манбаъҳои ман инро дақиқ намегӯянд: ба ҳолати ${date} ин масъала баҳснок аст.`,
      unknown: (date: string) => `Манбаъҳои ман инро бевосита намегӯянд (ба ҳолати ${date}).`,
    },
    sourcesDontSay: 'Манбаъҳои ман дар ин бора чизе намегӯянд.',
  },
  answeredInRussian: 'Ман барои ин савол матни тоҷикӣ надорам, бинобар ин ба забони русӣ ҷавоб медиҳам.',
  sourcesEnd: (date: string) => `Манбаъҳои ман то ${date} мерасанд.`,
};

/** The Kyrgyz and Tajik wording of every fixed text the bot shows. */
export const KY_TG_TEXTS: Record<'ky' | 'tg', KyTgTexts> = { ky, tg };
