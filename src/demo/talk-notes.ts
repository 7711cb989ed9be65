import type { DemoLang } from './demo-wikis.ts';

/**
 * The talk-page note templates of the demo wikis, by the names their review presets give
 * (`talkPageNotes` of presets/review/*.json; Czech uses the default English names). The curation
 * toolbar posts `{{subst:Name|1=page|2=reviewer|3=note}} ~~~~` to the creator's talk page, so
 * these texts are what a creator reads there: parameters only, no parser functions (substitution
 * does not evaluate them, and the reader would see them).
 */
export const TALK_NOTE_TEMPLATES: Record<DemoLang, Record<string, string>> = {
  en: {
    'Reviewednote-NPF':
      'Hello! I am [[User:{{{2}}}|{{{2}}}]], a new page reviewer, and I have marked [[{{{1}}}]], the page you created, as reviewed. Thank you for your contribution.\n\n{{{3|}}}',
    'Unreviewednote-NPF':
      'Hello! I am [[User:{{{2}}}|{{{2}}}]], a new page reviewer. I have marked [[{{{1}}}]], the page you created, as not reviewed yet, with this note:\n\n{{{3|}}}',
    'Unreviewednonote-NPF':
      'Hello! I am [[User:{{{2}}}|{{{2}}}]], a new page reviewer. I have marked [[{{{1}}}]], the page you created, as not reviewed yet.',
    'Sentnote-NPF':
      'Hello! I am [[User:{{{2}}}|{{{2}}}]], a new page reviewer. I have a message for you about [[{{{1}}}]], the page you created:\n\n{{{3|}}}',
    'Taggednote-NPF':
      'Hello! I am [[User:{{{2}}}|{{{2}}}]], a new page reviewer. I have added maintenance tags to [[{{{1}}}]], the page you created, to show what it needs:\n\n{{{3|}}}',
  },
  de: {
    'Gesichtet-Hinweis':
      'Hallo! Ich bin [[Benutzer:{{{2}}}|{{{2}}}]] und habe deine neue Seite [[{{{1}}}]] gesichtet. Danke für deinen Beitrag!\n\n{{{3|}}}',
    'Ungesichtet-Hinweis':
      'Hallo! Ich bin [[Benutzer:{{{2}}}|{{{2}}}]] und habe deine neue Seite [[{{{1}}}]] wieder als ungesichtet markiert.\n\n{{{3|}}}',
    'Nachricht-Eingangskontrolle':
      'Hallo! Ich bin [[Benutzer:{{{2}}}|{{{2}}}]] aus der Eingangskontrolle und habe eine Nachricht zu deiner Seite [[{{{1}}}]]:\n\n{{{3|}}}',
    'Baustein-Hinweis':
      'Hallo! Ich bin [[Benutzer:{{{2}}}|{{{2}}}]] aus der Eingangskontrolle und habe deiner Seite [[{{{1}}}]] Wartungsbausteine hinzugefügt, die zeigen, was ihr noch fehlt:\n\n{{{3|}}}',
  },
  cs: {
    'Reviewednote-NPF':
      'Dobrý den, jsem [[Uživatel:{{{2}}}|{{{2}}}]] a označil(a) jsem vámi založenou stránku [[{{{1}}}]] jako zkontrolovanou. Děkuji za váš příspěvek.\n\n{{{3|}}}',
    'Unreviewednote-NPF':
      'Dobrý den, jsem [[Uživatel:{{{2}}}|{{{2}}}]] a označil(a) jsem vámi založenou stránku [[{{{1}}}]] jako dosud nezkontrolovanou, s touto poznámkou:\n\n{{{3|}}}',
    'Unreviewednonote-NPF':
      'Dobrý den, jsem [[Uživatel:{{{2}}}|{{{2}}}]] a označil(a) jsem vámi založenou stránku [[{{{1}}}]] jako dosud nezkontrolovanou.',
    'Sentnote-NPF':
      'Dobrý den, jsem [[Uživatel:{{{2}}}|{{{2}}}]] a mám pro vás zprávu k vámi založené stránce [[{{{1}}}]]:\n\n{{{3|}}}',
    'Taggednote-NPF':
      'Dobrý den, jsem [[Uživatel:{{{2}}}|{{{2}}}]] a ke stránce [[{{{1}}}]], kterou jste založil(a), jsem přidal(a) údržbové šablony, které ukazují, co jí chybí:\n\n{{{3|}}}',
  },
  ar: {
    'ملاحظة مراجعة':
      'مرحبًا! أنا [[مستخدم:{{{2}}}|{{{2}}}]]، وقد راجعت الصفحة [[{{{1}}}]] التي أنشأتها. شكرًا لمساهمتك.\n\n{{{3|}}}',
    'ملاحظة إلغاء مراجعة':
      'مرحبًا! أنا [[مستخدم:{{{2}}}|{{{2}}}]]، وقد أعدت الصفحة [[{{{1}}}]] التي أنشأتها إلى غير مراجعة.\n\n{{{3|}}}',
    'رسالة مراجعة الصفحات الجديدة':
      'مرحبًا! أنا [[مستخدم:{{{2}}}|{{{2}}}]] من مراجعي الصفحات الجديدة، ولدي رسالة لك بشأن الصفحة [[{{{1}}}]]:\n\n{{{3|}}}',
    'ملاحظة وسم صيانة':
      'مرحبًا! أنا [[مستخدم:{{{2}}}|{{{2}}}]] من مراجعي الصفحات الجديدة، وقد أضفت قوالب صيانة إلى الصفحة [[{{{1}}}]] تبيّن ما ينقصها:\n\n{{{3|}}}',
  },
};
