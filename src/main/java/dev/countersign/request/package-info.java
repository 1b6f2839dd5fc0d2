/**
 * The front door: POST /api/reviews, what a requester may read of their request, and the start
 * listener that registers every request. Uses review, feedback, oversight and system.
 */
package dev.countersign.request;
