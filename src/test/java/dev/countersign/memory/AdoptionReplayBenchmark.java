package dev.countersign.memory;

import dev.countersign.memory.MemoryHarness.Topic;
import dev.countersign.memory.MemoryHarness.Workload;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The offline drafter's adoption decision replayed without the pipeline, to compare embedding
 * models and rules quickly: every wording is embedded once, then each batch asks every topic once
 * against the approved wordings of the batches before it (as if the reviewer approved them all;
 * the pipeline also keeps a tenth apart as held-out). Prints edits per batch and wrong adoptions
 * for each model and rule; {@link MemoryHarness} confirms the winner on the real pipeline.
 */
@Tag("benchmark")
class AdoptionReplayBenchmark {

  /** A rule: given the approved wordings most similar first, the topic whose answer to adopt, or -1. */
  interface Rule {
    int adopt(List<Scored> nearest);
  }

  record Scored(int topic, double similarity) {}

  @Test
  void compareModelsAndRules() {
    BgeSmallEnV15QuantizedEmbeddingModel bge = new BgeSmallEnV15QuantizedEmbeddingModel();
    InProcessEmbeddingModel miniLm = new InProcessEmbeddingModel(InProcessEmbeddingModel.Choice.MINILM);
    Map<String, Function<String, float[]>> models = Map.of("minilm-l6-v2-q", miniLm::embed,
        "bge-small-en-v1.5-q", text -> bge.embed(text).content().vector());
    StringBuilder report = new StringBuilder();
    for (Workload workload : MemoryHarness.WORKLOADS) {
      for (var model : models.entrySet()) {
        float[][][] vectors = embed(workload, model.getValue());
        report.append(String.format("%n%s, %s%n  rule                              edits per batch            "
            + "batch-5 cut  wrong%n", workload.name(), model.getKey()));
        for (double t : new double[] {0.70, 0.75, 0.80, 0.82, 0.84, 0.86}) {
          replay(report, workload, vectors, String.format("nearest >= %.2f", t), nearest(t));
          for (double margin : new double[] {0.02, 0.03, 0.05, 0.08}) {
            replay(report, workload, vectors, String.format("nearest >= %.2f, margin %.2f", t, margin),
                withMargin(t, margin));
          }
        }
      }
    }
    System.out.println(report);

  }

  private static Rule nearest(double threshold) {
    return scored -> scored.isEmpty() || scored.get(0).similarity() < threshold ? -1 : scored.get(0).topic();
  }

  /** Adopts only when no other answer's wording comes within {@code margin} of the best one. */
  private static Rule withMargin(double threshold, double margin) {
    return scored -> {
      if (scored.isEmpty() || scored.get(0).similarity() < threshold) {
        return -1;
      }
      Scored best = scored.get(0);
      double rival = scored.stream().filter(s -> s.topic() != best.topic()).mapToDouble(Scored::similarity)
          .findFirst().orElse(-1);
      return best.similarity() - rival >= margin ? best.topic() : -1;
    };
  }

  /**
   * What memory holds when {@code topic} is asked in {@code batch}: every wording of the batches
   * before, and of the topics asked before it in this batch, as in the pipeline. Most similar first.
   */
  private static List<Scored> decidedBefore(float[][][] vectors, int topics, int batch, int topic) {
    List<Scored> scored = new ArrayList<>();
    for (int earlier = 0; earlier <= batch; earlier++) {
      for (int other = 0; other < (earlier < batch ? topics : topic); other++) {
        scored.add(new Scored(other, Vectors.cosine(vectors[topic][batch], vectors[other][earlier])));
      }
    }
    scored.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
    return scored;
  }

  private static void replay(StringBuilder report, Workload workload, float[][][] vectors, String name, Rule rule) {
    List<Topic> topics = workload.topics();
    int batches = workload.batches();
    int[] edits = new int[batches];
    int wrong = 0;
    for (int batch = 0; batch < batches; batch++) {
      for (int topic = 0; topic < topics.size(); topic++) {
        List<Scored> scored = decidedBefore(vectors, topics.size(), batch, topic);
        int adopted = rule.adopt(scored);
        edits[batch] += adopted == topic ? 0 : 1;
        wrong += adopted >= 0 && adopted != topic ? 1 : 0;
      }
    }
    StringBuilder perBatch = new StringBuilder();
    for (int e : edits) {
      perBatch.append(String.format("%3d", e));
    }
    report.append(String.format("  %-32s %-26s %5.0f%%  %5d%n", name, perBatch, 100 * (1 - edits[4] / (double) edits[0]),
        wrong));
  }

  private static float[][][] embed(Workload workload, Function<String, float[]> model) {
    List<Topic> topics = workload.topics();
    float[][][] vectors = new float[topics.size()][][];
    for (int t = 0; t < topics.size(); t++) {
      String[] questions = topics.get(t).questions();
      vectors[t] = new float[questions.length][];
      for (int q = 0; q < questions.length; q++) {
        vectors[t][q] = model.apply(questions[q]);
      }
    }
    return vectors;
  }
}
