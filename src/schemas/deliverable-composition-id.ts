/**
 * The Remotion composition id of a video's deliverable (`DemoVideo-vertical`): the ids joined by a dash, since
 * composition ids allow only letters, digits and dashes. Studio and `npx remotion render` use it.
 */
export const deliverableCompositionId = (videoId: string, deliverableId: string): string => `${videoId}-${deliverableId}`;
