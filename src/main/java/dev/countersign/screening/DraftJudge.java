package dev.countersign.screening;

interface DraftJudge {

  JudgeScore judge(String useCase, String input, String draft);
}
