/**
 * The console's words for API refusals (src/console/web/messages/error-text.ts): chosen by the
 * error code, filled from its details, in Arabic and English; the server's English message only
 * for a code the console does not know.
 */
import { ApiError } from '../../src/console/web/api';
import { translator } from '../../src/console/web/messages';
import { errorText, isNotFound, isRetryable } from '../../src/console/web/messages/error-text';
import { errorsAr, errorsEn } from '../../src/console/web/messages/errors';

const ar = translator('ar');
const en = translator('en');

/** The API's answers as the services produce them (src/errors.ts and the throwing sites). */
const replyApproved = new ApiError(409, 'reply_state_conflict', 'reply is queued, expected awaiting_approval', { state: 'queued', expected: ['awaiting_approval'] });
const claimHeld = new ApiError(409, 'claimed_by_other', 'Maryam is working on this mention', { claim: { by: 'u-1', until: '2026-12-06T10:00:00.000Z', byName: 'Maryam' } });
const caseMissing = new ApiError(404, 'not_found', 'case MOW-2026-999999 not found', { case: 'MOW-2026-999999' });

describe('errorText', () => {
  it('says a reply was already approved or rejected, in both languages', () => {
    expect(errorText(ar, replyApproved)).toBe('تمت الموافقة على هذا الرد أو رفضه من قبل (حالته الآن: في طابور الإرسال).');
    expect(errorText(en, replyApproved)).toBe('This reply was already approved or rejected (it is now Queued).');
  });

  it('names who holds a claimed mention, from the details or by the holder id', () => {
    expect(errorText(ar, claimHeld)).toContain('يعمل عليه Maryam');
    expect(errorText(en, claimHeld)).toContain('Maryam is working on this post');
    // assertHoldsClaim's 409 carries only the holder's id: the caller knows the names
    const byId = new ApiError(409, 'claimed_by_other', 'another agent holds this mention', { claim: { by: 'u-2', until: 'x' } });
    expect(errorText(ar, byId, { nameOf: (id) => (id === 'u-2' ? 'خالد' : undefined) })).toContain('يعمل عليه خالد');
    expect(errorText(en, byId)).toContain('Another agent is working on this post');
  });

  it('says the start date is after the end date, not the field name «from»', () => {
    const reversed = new ApiError(400, 'validation_failed', 'invalid query parameter: from', { from: 'from must not be after to' });
    expect(errorText(ar, reversed)).toBe('تاريخ البداية بعد تاريخ النهاية: صحّح أحدهما.');
    expect(errorText(en, reversed)).toBe('The start date is after the end date: correct one of them.');
  });

  it('says what was not found, without the server words', () => {
    expect(errorText(ar, caseMissing)).toBe('لا يوجد بلاغ بالرقم MOW-2026-999999.');
    expect(errorText(en, caseMissing)).toBe('There is no case MOW-2026-999999.');
    const mention = new ApiError(404, 'not_found', 'mention nope not found', { mention: 'nope' });
    expect(errorText(ar, mention)).toContain('لم يُعثر على هذا المنشور');
    expect(errorText(en, mention)).toContain('This post was not found');
    expect(isNotFound(mention)).toBe(true);
    expect(isRetryable(mention)).toBe(false);
  });

  it('translates the common refusals by code, with labels from the details', () => {
    const cases: [ApiError, string, string][] = [
      [new ApiError(403, 'forbidden', 'this action needs the role supervisor or admin', { role: 'agent', allowed: ['supervisor', 'admin'] }), 'صلاحياتك لا تسمح بهذا الإجراء.', 'Your role does not allow this action.'],
      [new ApiError(403, 'forbidden', 'missing or wrong X-CSRF-Token', { header: 'X-CSRF-Token' }), 'انتهت صلاحية هذه الصفحة. حدّثها ثم أعد المحاولة.', 'This page is out of date. Reload it and try again.'],
      [new ApiError(409, 'invalid_transition', 'a case cannot go from closed to in_progress', { from: 'closed', to: 'in_progress', allowed: ['open'] }), 'لا يمكن نقل البلاغ من «مغلق» إلى «قيد المعالجة».', 'A case cannot go from “Closed” to “In progress”.'],
      [new ApiError(409, 'case_changed', 'case MOW-2026-000001 changed meanwhile (now resolved)', { status: 'resolved' }), 'غيّر زميل هذا البلاغ في الأثناء، وحالته الآن «تمت المعالجة». راجع التغيير ثم أعد المحاولة.', 'A colleague changed this case meanwhile; it is now “Resolved”. Check the change and try again.'],
      [new ApiError(409, 'invalid_status_change', 'a replied mention cannot become spam', { status: 'replied', wanted: 'spam' }), 'لا يمكن تغيير منشور حالته «تم الرد» إلى «غير مرغوب».', 'A post that is “Replied” cannot become “Spam”.'],
      [new ApiError(409, 'claim_required', 'claim this mention before changing it', { mentionId: 'm1' }), 'استلم المنشور أولًا، ثم أعد المحاولة.', 'Claim the post first, then try again.'],
      [new ApiError(413, 'payload_too_large', 'request body is too large'), 'ما أُرسل أكبر مما يقبله الخادم. اختصره ثم أعد المحاولة.', 'What was sent is larger than the server accepts. Shorten it and try again.'],
      [new ApiError(415, 'unsupported_media_type', 'send the request body as JSON'), 'لم يقبل الخادم صيغة الطلب. حدّث الصفحة ثم أعد المحاولة.', 'The server did not accept the request format. Reload the page and try again.'],
      [new ApiError(429, 'rate_limited', 'too many failed sign-in attempts, try again later'), 'محاولات كثيرة. انتظر قليلًا ثم أعد المحاولة.', 'Too many attempts. Wait a little and try again.'],
      [new ApiError(503, 'store_locked', 'the store is unavailable, try again shortly'), 'الخدمة غير متاحة مؤقتًا. أعد المحاولة بعد قليل.', 'The service is briefly unavailable. Try again in a moment.'],
      [new ApiError(400, 'validation_failed', 'invalid body parameter: reason', { reason: 'Too small' }), 'بعض البيانات المُدخلة غير صحيحة: reason.', 'Some of what was entered is not valid: reason.'],
      [new ApiError(422, 'reply_too_long', 'reply is 300 long, x allows 280', { length: 300, max: 280 }), 'الرد أطول من المسموح: 300 من 280 حرفًا.', 'The reply is too long: 300 of 280 characters.'],
      [new ApiError(409, 'user_name_taken', 'a user named x exists', { name: 'x' }), 'يوجد مستخدم بهذا الاسم.', 'A user with this name already exists.'],
      [new ApiError(422, 'reply_unfilled_placeholder', 'the reply still has a placeholder: {case_number}', { placeholder: '{case_number}' }), 'ما زال في الرد متغير لم يُملأ: {case_number}. املأه أو احذفه قبل الإرسال.', 'The reply still has a placeholder: {case_number}. Fill it in or remove it before sending.'],
      [new ApiError(422, 'template_brace_unbalanced', 'bodies.ar: "{" has no closing "}" at position 21', { field: 'bodies.ar', position: 21 }), 'في نص القالب قوس معقوف بلا مقابل (bodies.ar، الموضع 21).', 'The template text has a brace without its pair (bodies.ar, position 21).'],
    ];
    for (const [err, arText, enText] of cases) {
      expect({ code: err.code, text: errorText(ar, err) }).toEqual({ code: err.code, text: arText });
      expect({ code: err.code, text: errorText(en, err) }).toEqual({ code: err.code, text: enText });
    }
  });

  it('describes an unknown code by its status, and shows the server message only for an unknown 4xx refusal', () => {
    expect(errorText(ar, new ApiError(404, 'http_404', 'Not Found'))).toBe('لم يُعثر على المطلوب؛ ربما حُذف أو أن الرابط غير صحيح.');
    expect(errorText(en, new ApiError(502, 'http_502', 'Bad Gateway'))).toBe('The service is briefly unavailable. Try again in a moment.');
    expect(errorText(en, new ApiError(500, 'internal_error', 'something went wrong on our side'))).toContain('The server hit a problem');
    expect(errorText(ar, new ApiError(409, 'some_new_conflict', 'the server says why'))).toBe('the server says why');
  });

  it('tells a network failure from a bug, and offers "try again" only where it can help', () => {
    const offline = new TypeError('Failed to fetch');
    expect(errorText(ar, offline)).toBe('تعذّر الاتصال بالخادم. تحقّق من الشبكة ثم أعد المحاولة.');
    expect(isRetryable(offline)).toBe(true);
    expect(isRetryable(new ApiError(503, 'store_unavailable', 'x'))).toBe(true);
    expect(isRetryable(new ApiError(403, 'forbidden', 'x'))).toBe(false);
    expect(isRetryable(new ApiError(409, 'claimed_by_other', 'x'))).toBe(false);
  });

  it('has every error message in both languages', () => {
    expect(Object.keys(errorsEn).sort()).toEqual(Object.keys(errorsAr).sort());
  });
});
