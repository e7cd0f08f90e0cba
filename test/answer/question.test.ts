import { describe, expect, it } from 'vitest';
import { analyzeQuestion, asksForSummary } from '../../src/answer/question.js';

describe('analyzeQuestion', () => {
  it.each([
    ['who defected?', 'PERSON'],
    ["Who is Russia's foreign minister?", 'PERSON'],
    ['Who is Sergei Lavrov?', 'DEFINITION'],
    ['When did Shalgham denounce Gaddafi?', 'DATE'],
    ['In what year did it happen?', 'DATE'],
    ['Where was Kefi visiting?', 'PLACE'],
    ['Which country backed the rebels?', 'PLACE'],
    ['How many helicopters were shipped?', 'NUMBER'],
    ['How much money did it cost?', 'MONEY'],
    ['How long has the conflict lasted?', 'DURATION'],
    ['What percentage of voters agreed?', 'PERCENT'],
    ['Why did NATO send helicopters?', 'REASON'],
    ['What did Ashton say?', 'QUOTE'],
    ['What was said by the diplomatic source?', 'QUOTE'],
    ['What did he tell reporters?', 'QUOTE'],
    ['What did Masebo tell people to do?', 'QUOTE'],
    // A clause after the verb of speech asks for a part of what was said.
    ['What did Kerry say had ended?', 'OTHER'],
    ['What did Leibniz believe the universe is composed of?', 'OTHER'],
    ['What is Misrata?', 'DEFINITION'],
    ['Which French warship carried the helicopters?', 'ENTITY'],
    ['What company makes the helicopters?', 'ORG'],
    ['How did the rebels get their weapons?', 'METHOD'],
    ['How did the rebels respond?', 'QUOTE'],
    ['Tell me about helicopters', 'OTHER'],
    // "The name of X" asks for what X names.
    ["What is the name of Gaddafi's daughter?", 'PERSON'],
    ['What was the name of the company that shipped them?', 'ORG'],
    ["What was the name of Pugin's book?", 'ENTITY'],
    // A clause of time before the question: its own wh-word decides; "when did ..., who ..." still asks when.
    ['When housing prices declined, who reported significant losses?', 'PERSON'],
    ['When royal assent takes place in the UK, where does the sovereign appear?', 'PLACE'],
    ['When did Lavrov, who is foreign minister, visit Tripoli?', 'DATE'],
    // The wh-phrase later in the question decides.
    ['In 1884 about how many bison remained?', 'NUMBER'],
    ['The word was unknown until what year?', 'DATE'],
    ['Hispanics account for what percentage of the population?', 'PERCENT'],
    ['In recent years, the population has begun to move where?', 'PLACE'],
    ['The fuse length could be set using height reported by whom?', 'PERSON'],
    // A preposition or hedge before the wh-word does not hide what it asks.
    ['About how many Native Americans live in Montana?', 'NUMBER'],
    ['The single was at the Hot 100 for how many weeks?', 'NUMBER'],
    ['During what years was the Council held?', 'DATE'],
    ['During what time period did Panini do his work?', 'DATE'],
    ['The Empire had a Christian majority until what time?', 'DATE'],
    ['At what time did the meeting start?', 'TIME'],
    ['From where did Illyrians import their weapons?', 'PLACE'],
    ['For how long did the Paris Commune exist?', 'DURATION'],
    ['About what percentage of the people live off the reservations?', 'PERCENT'],
    // Plural focus nouns: "centuries", "counties", "institutions".
    ['During what centuries was the empire in control?', 'DATE'],
    ['What three counties are Native Americans a majority?', 'PLACE'],
    ['What institutions comprise the shadow banking system?', 'ORG'],
    // "How much" asking for money, and not.
    ['How much did SCA pay for CBS Records?', 'MONEY'],
    ['How much debt did the investment banks report?', 'MONEY'],
    ['How much was home equity valued at its peak?', 'MONEY'],
    ['How much was Veltrix fined?', 'MONEY'],
    ['How much of the state is prairie?', 'NUMBER'],
    ['How much land did the Homestead Act allow?', 'NUMBER'],
    // The head of the wh-phrase, when the tagger finds no noun before the verb, or the noun has a modifier.
    ['Which Confederate general failed to capture the fort?', 'PERSON'],
    ['What Academy Award-winning director was a relative of Laemmle?', 'PERSON'],
    ['What well known U.S. Secretary of State declared it genocide?', 'PERSON'],
    ['Which studio produced Super 8?', 'ORG'],
    // Ending on a preposition, it asks for where something was said, not what.
    ['What did he write about human rights in?', 'OTHER'],
    ['What did he write about human rights?', 'QUOTE'],
    // "What is X?" asks what X means only for a noun phrase that is not picked out by "the" or a possessive.
    ['What are chatter marks?', 'DEFINITION'],
    ['What is an ogonek?', 'DEFINITION'],
    ['What is the state fossil?', 'OTHER'],
    ["What was the city's first Anglican church?", 'OTHER'],
    ['What was kermes lake made from?', 'OTHER'],
    ['What is the Boston accent known as?', 'ENTITY'],
    ['What are some thrash metal bands?', 'OTHER'],
    ["What is Madonna's real name?", 'OTHER'],
  ])('%s -> %s', (q, type) => {
    expect(analyzeQuestion(q).type).toBe(type);
  });

  it.each([
    ['What is the name of the largest freshwater lake in the state?', 'lake'],
    ['Which French warship carried the helicopters?', 'warship'],
    ['What kind of scientist is Peg LeVine?', 'scientist'],
    ['Who defected?', undefined],
  ])('finds the main noun of %s', (q, noun) => {
    expect(analyzeQuestion(q).noun).toBe(noun);
  });

  it('keeps the speaker of a quotation question', () => {
    const q = analyzeQuestion('What did Mustafa Abdel Jalil say about the visit?');
    expect(q.speaker?.text).toBe('Mustafa Abdel Jalil');
    expect(q.speaker?.terms).toEqual(['mustafa', 'abdel', 'jalil']);
    expect(q.terms).toContain('visit');
  });

  it('reads "how strong", "how deep" as asking for a number, searched by the measure\'s noun', () => {
    const strong = analyzeQuestion('How strong was the earthquake?');
    expect(strong.type).toBe('NUMBER');
    expect(strong.terms).toEqual(['earthquak', 'magnitud']);
    const deep = analyzeQuestion('How deep was the quake?');
    expect(deep.type).toBe('NUMBER');
    expect(deep.terms).toEqual(['quak', 'depth']);
    // "How powerful" does not search "power" ("power was cut to 300,000 homes").
    expect(analyzeQuestion('How powerful was the quake?').terms).not.toContain('power');
  });

  it('reads "what happened to X?" as asking what X did, searched by X alone', () => {
    const q = analyzeQuestion('What happened to Altera shares?');
    expect(q).toMatchObject({ type: 'OTHER', asksEvent: true, subject: { text: 'Altera shares' } });
    expect(q.terms).toEqual(['altera', 'share']);
    expect(analyzeQuestion('what has happened with the euro').asksEvent).toBe(true);
    expect(analyzeQuestion('What happened in Misrata?').asksEvent).toBeUndefined();
  });

  it('takes the noun "how many" counts for the focus', () => {
    expect(analyzeQuestion('How many firefighters are fighting the fire?').focus).toBe('firefighters');
    expect(analyzeQuestion('How many of the ships sank?').focus).toBeUndefined();
    expect(analyzeQuestion('How much did shares fall?').focus).toBeUndefined();
  });

  it('reads "what does X do?" as asking what X is', () => {
    expect(analyzeQuestion('What does Korvo do?')).toMatchObject({ type: 'DEFINITION', subject: { text: 'Korvo' } });
    expect(analyzeQuestion('What did the court do?').type).not.toBe('DEFINITION');
  });

  it('reads "how old is X?" with X named as asking for an age', () => {
    expect(analyzeQuestion('How old is Visser?')).toMatchObject({ type: 'NUMBER', asksAge: true });
    expect(analyzeQuestion('How old is the bridge?').asksAge).toBeUndefined();
    expect(analyzeQuestion('How long is the bridge?').asksAge).toBeUndefined();
  });

  it('takes the thing "how long is the X?" measures for its focus', () => {
    expect(analyzeQuestion('How long is the strike?')).toMatchObject({ type: 'DURATION', focus: 'strike' });
    expect(analyzeQuestion('How long is it?').focus).toBeUndefined();
    expect(analyzeQuestion('How long has the conflict lasted?').focus).toBeUndefined();
  });

  it('reads "what was the satellite for?" as asking its purpose, not "what was it used for?"', () => {
    expect(analyzeQuestion('What was the satellite for?').type).toBe('REASON');
    expect(analyzeQuestion('What was the windmill used for?').type).not.toBe('REASON');
    expect(analyzeQuestion('What was the film nominated for?').type).not.toBe('REASON');
  });

  it('reads "what was the rocket called?" as asking for the name of the thing, "called" a light term', () => {
    expect(analyzeQuestion('What was the rocket called?')).toMatchObject({
      type: 'ENTITY',
      focus: 'rocket',
      light: ['call'],
    });
    expect(analyzeQuestion('What is the new company known as?')).toMatchObject({ type: 'ORG', focus: 'company' });
    expect(analyzeQuestion('What are glaciers called that end in the sea?').focus).toBe('glaciers');
    expect(analyzeQuestion('What did Gaddafi call his opponents?').light).toBeUndefined();
  });

  it('reads a question opening with an auxiliary as yes or no, unless it offers alternatives or asks a wh-word', () => {
    for (const q of [
      'Did the committee vote unanimously?',
      'Is it a cure?',
      "Wasn't anyone hurt?",
      'does montana have a sales tax',
    ])
      expect(analyzeQuestion(q).polar).toBe(true);
    for (const q of [
      'Were Hellenistic armies smaller or larger than Greek armies?',
      'Had Milosevic not died, what charges might he have faced?',
      'Who did Lavrov meet?',
      'When is the next meeting?',
    ])
      expect(analyzeQuestion(q).polar).toBeUndefined();
  });

  it('reads "what is the interest rate?" as asking for a value, and keeps the noun of a measure apart', () => {
    for (const q of [
      "What is Sweden's interest rate?",
      "What is Norway's interest rate now?",
      "What is the bank's inflation target?",
      'What was the turnout?',
      'What is the price of oil?',
      'What is the maximum fine the Commission can impose?',
    ])
      expect(analyzeQuestion(q)).toMatchObject({ type: 'OTHER', asksValue: true });
    for (const q of ['What is the capital of France?', 'What was the ruling?', 'What did the bank target?'])
      expect(analyzeQuestion(q).asksValue).toBeUndefined();
    expect(analyzeQuestion('How tall is the rocket?')).toMatchObject({ type: 'NUMBER', measure: 'height' });
    expect(analyzeQuestion('How many rockets were launched?').measure).toBeUndefined();
  });

  it('reads "what was the score?" and "what was the vote?" as asking for figures ("3-1", "7-4")', () => {
    for (const q of ['What was the score?', 'What was the final score between City and Brighton?', 'what was the vote'])
      expect(analyzeQuestion(q).type).toBe('NUMBER');
    expect(analyzeQuestion('Which vote did the court hold?').type).toBe('NUMBER');
    expect(analyzeQuestion('What was the ruling?').type).not.toBe('NUMBER');
  });

  it('tells a request for what the articles say from a question they answer', () => {
    const requests = ['tldr', 'TL;DR', 'summarize please', "what's this article about?", 'What is this about?'];
    const more = [
      'what happened?',
      'hey, what happened',
      'give me a quick summary',
      'main points?',
      'what does the story say?',
    ];
    for (const q of [...requests, ...more]) expect(asksForSummary(q), q).toBe(true);
    const questions = [
      'What happened in Misrata?',
      'what is the EU about',
      'What did Ashton say?',
      'summary of the talks',
    ];
    for (const q of questions) expect(asksForSummary(q), q).toBe(false);
  });

  it('takes the verb of saying in the form its auxiliary asks for, so a name ending like one stays whole', () => {
    expect(analyzeQuestion('What did the United States say?').speaker?.text).toBe('United States');
    expect(analyzeQuestion('What has Lavrov said?').speaker?.text).toBe('Lavrov');
    expect(analyzeQuestion('What will the minister tell reporters?').speaker?.text).toBe('minister');
    // "state" here is a noun, and "can" asks no quotation.
    expect(analyzeQuestion('What can a state do with bad assets?').type).not.toBe('QUOTE');
  });

  it('reads "what\'s", "whats" and "who\'s" as the wh-word and "is", or "has" before a participle', () => {
    expect(analyzeQuestion("What's Misrata?").type).toBe('DEFINITION');
    expect(analyzeQuestion('whats misrata').text).toBe('what is misrata');
    expect(analyzeQuestion("Who's backed the rebels?").text).toBe('Who has backed the rebels?');
    expect(analyzeQuestion('Whose helicopters were shipped?').text).toBe('Whose helicopters were shipped?');
  });

  it("drops a request's own wording from the search terms", () => {
    expect(analyzeQuestion('tell me about the helicopters').terms).toEqual(['helicopt']);
    expect(analyzeQuestion('Hey, can you please explain the UN resolution?').terms).toEqual(['un', 'resolut']);
    const who = analyzeQuestion('Can you tell me who defected?');
    expect(who.type).toBe('PERSON');
    expect(who.terms).toEqual(['defect']);
  });

  it('drops the wh-phrase from the search terms', () => {
    expect(analyzeQuestion('How many tanks has NATO destroyed?').terms).toEqual(['tank', 'nato', 'destroi']);
    expect(analyzeQuestion('In what year was the treaty signed?').terms).toEqual(['treati', 'sign']);
  });

  it('knows names and doer questions', () => {
    const q = analyzeQuestion('Who has backed the rebels in Libya?');
    expect(q.subjectVerb).toBe(true);
    expect(q.names).toEqual(['libya']);
    expect(q.verbs).toContain('back');
    expect(analyzeQuestion('Who was the president?').subjectVerb).toBe(false);
    expect(analyzeQuestion('Who did Lavrov meet?').asksObject).toBe(true);
    expect(analyzeQuestion('Whom has the president appointed?').asksObject).toBe(true);
    expect(analyzeQuestion('Who backed the rebels?').asksObject).toBe(false);
    // An auxiliary followed by the verb asks for the doer; followed by a subject, for whom it acted on.
    for (const q of ['Who has backed the rebels?', 'Who will win the match?', 'Who could help?']) {
      expect(analyzeQuestion(q).asksObject, q).toBe(false);
      expect(analyzeQuestion(q).subjectVerb, q).toBe(true);
    }
    expect(analyzeQuestion('Who did Lavrov meet?').subjectVerb).toBe(false);
    expect(analyzeQuestion('Who does Beyonce describe as lyrical?').subjectVerb).toBe(false);
  });

  it('reads a passive question as asking for whom its verb acted on', () => {
    for (const q of [
      'Who was freed in the prisoner exchange?',
      'Which race was cancelled?',
      'What was cancelled?',
      'who has been jailed',
    ])
      expect(analyzeQuestion(q).asksPatient, q).toBe(true);
    for (const q of ['Who was the president?', 'What was the satellite for?', 'Who freed them?'])
      expect(analyzeQuestion(q).asksPatient, q).toBeUndefined();
  });

  it('reads "what does X make?" as asking what X is ("solar panel maker Brightwave")', () => {
    expect(analyzeQuestion('What does Brightwave make?')).toMatchObject({ type: 'DEFINITION' });
    expect(analyzeQuestion('What does the kidney produce?').type).not.toBe('DEFINITION');
  });

  it('reads "which country is X from?" as asking for a place, "country" a light term', () => {
    expect(analyzeQuestion('Which country is Nordtone from?')).toMatchObject({
      type: 'PLACE',
      focus: 'country',
      light: ['countri'],
    });
    expect(analyzeQuestion('what country does the company come from').light).toEqual(['countri']);
  });

  it('takes the last word of a question with "do" for its verb when the tagger reads it as a noun', () => {
    expect(analyzeQuestion('How much did Halden shares fall?').verbs).toEqual(['fall']);
    // The tagger's verb there is the subject.
    expect(analyzeQuestion('How much did profit fall?').verbs).toEqual(['fall']);
    expect(analyzeQuestion('How many people did the quake kill?').verbs).toEqual(['kill']);
    expect(analyzeQuestion('What did the bank target?').verbs).toEqual(['target']);
  });

  it('never throws on odd input', () => {
    for (const q of ['', '   ', '???', '@everyone <@123>', 'x'.repeat(300), '🙂🙂'])
      expect(() => analyzeQuestion(q)).not.toThrow();
    expect(analyzeQuestion('').terms).toEqual([]);
  });
});
