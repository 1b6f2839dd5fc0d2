package dev.countersign.labeling;

/**
 * Whether the next item started is a gold item: at the project's gold rate while both kinds remain,
 * by a random draw, so annotators cannot tell gold items by their place; whatever remains once the
 * other kind runs out. Engine-free.
 */
final class GoldMix {

  private GoldMix() {}

  /** @param draw uniform in [0, 1) */
  static boolean takeGold(boolean goldLeft, boolean regularLeft, double goldRate, double draw) {
    return goldLeft && (!regularLeft || draw < goldRate);
  }
}
