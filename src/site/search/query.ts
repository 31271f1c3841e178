/**
 * What a typed query asks for, before Pagefind sees it. Pagefind requires every word of a query,
 * so a question ("how do I rotate the signing key", "почему упал импорт") found nothing: its
 * function words are in no page that matters. They are dropped here, per language, as long as
 * words are left; Korean question endings (…나요, …까요, …습니까) go the same way.
 */

const STOP_WORDS = new Set(
  [
    // English: question words, auxiliaries, pronouns, articles, prepositions, conjunctions.
    'how', 'why', 'what', 'when', 'where', 'which', 'who', 'whom', 'whose', 'do', 'does', 'did', 'done', 'doing', 'is', 'are', 'was', 'were', 'be', 'been', 'being',
    'can', 'could', 'should', 'would', 'will', 'shall', 'may', 'might', 'must', 'have', 'has', 'had', 'i', 'we', 'you', 'they', 'he', 'she', 'it', 'me', 'us', 'them',
    'my', 'our', 'your', 'their', 'its', 'the', 'a', 'an', 'to', 'of', 'in', 'on', 'at', 'as', 'by', 'for', 'from', 'with', 'about', 'into', 'and', 'or', 'if', 'then',
    'so', 'that', 'this', 'these', 'those', 'there', 'get', 'got', 'go', 'went', 'happen', 'happened', 'cause', 'caused', 'make', 'made',
    // Russian.
    'как', 'почему', 'зачем', 'что', 'чего', 'чем', 'когда', 'где', 'куда', 'откуда', 'какой', 'какая', 'какие', 'какое', 'каким', 'кто', 'ли', 'же', 'бы',
    'делать', 'сделать', 'если', 'то', 'нужно', 'надо', 'можно', 'мне', 'нам', 'мы', 'я', 'ты', 'вы', 'он', 'она', 'они', 'оно', 'это', 'этот', 'эта', 'эти',
    'был', 'была', 'было', 'были', 'быть', 'есть', 'в', 'во', 'на', 'с', 'со', 'по', 'и', 'а', 'но', 'или', 'у', 'к', 'ко', 'о', 'об', 'из', 'за', 'для',
    'от', 'до', 'при', 'про', 'не', 'ни', 'так', 'там', 'тут', 'вот', 'случилось', 'произошло',
    // Korean question words.
    '왜', '어떻게', '무엇', '무엇을', '무엇이', '뭐', '뭐가', '뭘', '언제', '어디', '어디서', '어느', '누가', '하나요', '되나요', '했나요', '인가요', '있나요',
  ],
);

/** A Korean word that only asks: a verb in a question ending. */
const KOREAN_QUESTION = /(나요|까요|습니까|니까|는지|을까|ㄹ까)$/u;

/** The words of a query that carry its meaning: function words dropped when others are left. */
export function contentWords(query: string): string[] {
  const words = query.split(/\s+/).filter(Boolean);
  const kept = words.filter((word) => {
    const bare = word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    return bare && !STOP_WORDS.has(bare) && !(/[\uac00-\ud7a3]/.test(bare) && KOREAN_QUESTION.test(bare));
  });
  return kept.length > 0 ? kept : words;
}
