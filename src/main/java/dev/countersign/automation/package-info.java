/**
 * Earned autonomy: evidence per use case and risk tier from people's decisions, proposals to run a
 * pair unattended when compliance's policy says it has earned it, the routing change a compliance
 * officer approves, and its withdrawal when audited output drifts.
 */
package dev.countersign.automation;
