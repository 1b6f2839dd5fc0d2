/**
 * The one place a decided review becomes training data: the feedback store, "Record feedback", the
 * held-out split, and the {@link FeedbackRecorded} event. Uses review, memory, oversight and system.
 */
package dev.countersign.feedback;
