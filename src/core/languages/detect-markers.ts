/**
 * Words that tell the languages apart, in tiers of weight: 2 for words that belong to one language alone
 * and are common in questions, 1 for words that are common but shared with a rare word of another language.
 * Kyrgyz and Tajik markers are written in folded spelling (no special letters) and compared by stem, so they
 * count whether or not the letters ң ө ү ғ ӣ қ ҳ ҷ ӯ were typed. Loanwords the languages share (президент,
 * километр) and names (Ворух, Ташиев) are in none of the lists: they say nothing about the language, and a
 * name one letter off another script's spelling (Тошиев, Ташиев) would count as a typo of it.
 */
export interface MarkerTiers {
  strong: string;
  weak: string;
}

export const KY_MARKERS: MarkerTiers = {
  strong: `канча канчалаган канчалык качан ким кимдер эмне эмнеге эмнени эмнелер эмнеликтен кайда кайсы кандай
    кантип жана менен барбы жокпу болгон болду болот болобу жонундо тууралуу боюнча учун чейин кийин мурун азыр
    чек ара арасы узундук узундугу жыл жылы адам киши кагылышуу кагылыш согуш каза олгон олду жарадар жаракат
    кочурулгон качкын айыл суу жол келишим макулдашуу суйлошуу жолугушуу жолугушкан тажик тажикстан ортосундагы
    ортосунда калды калган кадам кадамдар элчи окуя курал дрондор облус кыйын калк тургундар жашайт жашашат
    башталган башталды аныкталган тактоо бекитуу кучуно кол коюлган эмес ооба деген деп бул ушул дагы эле беле
    озбекстан кытай казакстан кожент сугд аймак жер оту бар жок берди жооп создору тими укмк`,
  weak: `кыргыз кыргызстан бир эки уч`,
};

export const TG_MARKERS: MarkerTiers = {
  strong: `чанд кай кист чи чист чаро кучо кучост кадом оё аст нест буд буданд шуд шуданд шудааст мебошад
    мебошанд ва бо барои байни миёни бораи оид хусуси сархад сархади сархади марз марзи дароз дарози сол соли
    нафар одамон кушта халок захми задухурд чанг низо низоъ музокира музокирот гуфтушунид вохури вохурданд
    мулокот созишнома шартнома имзо тасдик деха дехот оби рох вилоят нохия точикистон киргизистон точик
    хукумат давлат худуд замин муайян доранд дорад хаст зиндаги мекунанд истикомат ахоли сокинон
    мархила боки мондааст огоз кардан карданд гардид рух доданд дод тавр гуна хел сафир вазорати корхои
    хоричи узбекистон чин казокистон хучанд лайлак фаронса пойтахти`,
  weak: `дар аз ба ин ки хам об киргиз`,
};

export const RU_MARKERS: MarkerTiers = {
  strong: `сколько когда кто что где почему зачем какой какая какое какие какова каков каково каковы как ли
    между граница границы границе границу протяженность протяжённость длина столкновения столкновение
    погибли погибло погиб убито ранено ранены человек году года лет был была было были есть это этот эта эти
    или для при после уже ещё еще чем чтобы такой такая такое можно живет живёт живут проживает население
    жителей соглашение соглашения переговоры начались произошли произошло случилось киргизии киргизия
    таджикистана таджикистаном таджикистан таджикский таджикской кыргызстана кыргызстаном
    сейчас будет стороны сторон обмен территорией территории вооружение беспилотники война конфликт
    вода воды дорога дороги село села президент президента парламент`,
  weak: `и в на с по о об из у к за от до не ни но а`,
};

export const EN_MARKERS: MarkerTiers = {
  strong: `the is are was were how many much what when who whom whose where why which does did do has have had
    of between and border borders long length people killed died dead clashes clash conflict about with from
    there year years population agreement talks meet met president parliament village water road roads
    kilometers kilometres delimited demarcated happened began start started tell me please can could would
    should will this that these those than into it its their they been being any some war displaced
    population live lives enclave exclave drones weapons country countries capital`,
  weak: `in on at to by for or an i`,
};

export const LATIN_RU_MARKERS: MarkerTiers = {
  strong: `skolko skolka skol'ko kogda kto chto shto gde pochemu zachem kakoy kakoj kakaya kakaja kakie kakov
    kakova kakovo kakovy kak mezhdu granica granitsa granicy granitsy granice granitse granicu granitsu dlina
    protyazhennost protjazhennost stolknoveniya stolknovenija stolknovenie pogibli pogiblo pogib ubito raneno
    raneny chelovek let god goda godu byl byla bylo byli est' eto etot eta eti ili dlya pri posle uzhe eshche
    eshe chem chtoby takoy takaya mozhno zhivet zhivut prozhivaet naselenie zhiteley soglashenie peregovory
    nachalis proizoshli proizoshlo sluchilos kirgizii kirgiziya kirgizija kyrgyzstana kirgizstana
    tadzhikistana tadzhikistanom tadjikistana seychas budet storony obmen territorii voyna voina konflikt voda vody doroga selo prezident
    prezidenta parlament takoe kakie ego ee ikh ih`,
  weak: `i v na s po o ob iz u k za ot ne ni li`,
};
