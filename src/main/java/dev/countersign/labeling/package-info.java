/**
 * Data labeling by several people: projects, streamed item uploads, the {@code data-labeling}
 * process (distinct annotators, {@code labeling-policy.dmn}, adjudication, gold items), agreement
 * among annotators, and the export of final labels. Uses only the evidence trail and system.
 */
package dev.countersign.labeling;
