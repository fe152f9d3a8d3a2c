import { TermStatistics, chunkText, describeSections, extractKeyPhrases, termsOf } from './key-phrase.extractor';

describe('chunkText', () => {
  it('glues the single characters ICU splits a term into and cuts at stop words and punctuation', () => {
    const sut = chunkText('沿细纱机弄档自主行走，实时发现断头锭位');

    expect(sut.map((chunk) => chunk.join(''))).toEqual(['细纱机弄档自主行走', '实时发现断头锭位']);
  });

  it('drops boilerplate, numbers and units but keeps named Latin tokens', () => {
    const sut = chunkText('核心需求：预算300–600万元，我院PET/CT 2台，10kV配网，CAR-T细胞，面积60㎡');
    const joined = sut.map((chunk) => chunk.join(''));

    expect(joined).toEqual(expect.arrayContaining(['pet', 'ct', '10kv', '配网', 'car-t', '细胞', '面积']));
    expect(joined.join('|')).not.toMatch(/核心|需求|预算|万元|我院|300|60m2/);
  });
});

describe('termsOf', () => {
  it('gives character bigrams of Chinese chunks so that 巡检 matches inside 四足巡检机器人', () => {
    const sut = termsOf('四足巡检机器人');

    expect(sut).toContain('巡检');
    expect(sut).toContain('四足');
    expect(sut).not.toContain('巡');
  });

  it('returns nothing for an empty or missing text', () => {
    expect(termsOf('')).toEqual([]);
  });
});

describe('describeSections', () => {
  it('weights core needs above background and landing conditions below it', () => {
    const sut = describeSections(
      '辖区老城区地下管网密集。核心需求：识别道路下方10米以内的空洞。落地条件：选取约15公里重点道路试点，预算200–500万元。',
      1,
    );

    const weightOf = (needle: string): number | undefined => sut.find((section) => section.text.includes(needle))?.weight;
    expect(weightOf('地下管网')).toBe(1);
    expect(weightOf('空洞')).toBe(2);
    expect(weightOf('重点道路')).toBe(0.5);
  });

  it('halves sentences about the current practice, which names what falls short', () => {
    const sut = describeSections('近三年发生道路塌陷11起。现用车载探地雷达普查，有效深度一般在2米以内。', 1);

    expect(sut.find((section) => section.text.includes('探地雷达'))?.weight).toBe(0.5);
    expect(sut.find((section) => section.text.includes('塌陷'))?.weight).toBe(1);
  });

  it('returns no section for an empty description', () => {
    expect(describeSections('', 1)).toEqual([]);
    expect(describeSections(null, 1)).toEqual([]);
  });
});

describe('TermStatistics', () => {
  it('rates a term found in few documents rarer than one found in most', () => {
    const sut = TermStatistics.fromTexts(['巡检机器人', '配送机器人', '分拣机器人', '细纱接头']);

    expect(sut.idf('细纱')).toBeGreaterThan(sut.idf('机器'));
  });

  it('forgets a removed document', () => {
    const sut = TermStatistics.fromTexts(['巡检机器人', '细纱接头']);
    sut.removeDocument('细纱接头');

    expect(sut.frequency('细纱')).toBe(0);
    expect(sut.documentCount).toBe(1);
  });
});

describe('extractKeyPhrases', () => {
  const corpus = TermStatistics.fromTexts([
    '环锭细纱自动接头巡回机器人，沿细纱机巡回，发现断头后自动接头',
    '纺纱车间智能巡检小车，巡检断头与飞花',
    '医院智能物流配送机器人，自主乘梯',
    '布面疵点AI视觉检测系统',
  ]);

  it('puts rare title phrases first and leaves out phrases no document contains', () => {
    const sut = extractKeyPhrases(
      [
        { text: '细纱车间挡车工短缺，断头处理不及时', weight: 3 },
        { text: '核心需求：沿细纱机弄档自主行走，实时发现断头锭位，30秒内完成接头', weight: 2 },
      ],
      corpus,
      5,
    ).map((phrase) => phrase.text);

    expect(sut.some((phrase) => phrase.includes('断头'))).toBe(true);
    expect(sut.some((phrase) => phrase.includes('细纱'))).toBe(true);
    expect(sut).not.toContain('挡车工');
  });

  it('does not return a phrase and its own sub-phrase both', () => {
    const sut = extractKeyPhrases([{ text: '细纱机细纱机细纱', weight: 1 }], null, 5).map((phrase) => phrase.text);

    for (const phrase of sut) {
      expect(sut.filter((other) => other !== phrase && phrase.includes(other))).toEqual([]);
    }
  });
});
