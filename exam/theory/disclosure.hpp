#pragma once
// Who sees what of a sitting, and when: the one rule every route and message
// that carries sitting data applies (the record, the session views, the
// candidate's page, the exam WebSocket's result).
#include <vector>

#include "exam/theory/marking.hpp"

namespace tanu::exam {

// Who reads a sitting.
enum class reader {
    staff,          // the centre's administrators and its exam commission (p.9, p.14-17)
    appeal_member,  // a member of the appeal commission an appeal of the sitting is assigned to (p.21-22)
    candidate,      // the candidate whose sitting it is
};

// What of a sitting a reader may see.
struct disclosure {
    bool score = false;        // correct, total, percent, passed, and what follows (next step, attempts left)
    bool weak_topics = false;  // per weak topic of the paper: right/total of that topic (p.19 recommendations)
    bool answers = false;      // the questions as shown, with the choices made
    bool key = false;          // the correct options and each question's right or wrong (the marking)
    bool proceedings = false;  // proctoring events, acts, practical stage, protocol, documents, appeals
    bool record = false;       // the sitting's record may be read at all
};

// The rule.
// - Before the sitting has ended, nothing of its marking reaches the candidate:
//   no score, no correct option, no right or wrong, and no record (the paper
//   itself comes over the exam WebSocket without its key).
// - After it, the candidate sees the score and the weak topics (p.19: the
//   recommendations to improve), never the key nor the questions: a retake
//   draws from the same bank (p.19 gives the right to retake), so a key shown
//   once is a key for every later paper of that bank.
// - The centre's staff see the whole record at any time: the exam commission
//   decides on it (p.14-17).
// - The appeal commission reviews the results (p.20-22), so its members an
//   appeal of the sitting is assigned to see the whole record, key included.
disclosure may_see(reader who, bool sitting_ended);

// The weak topics of a paper, weakest first: those whose share of right
// answers is below the programme's pass percent (seed 002 p.19: the
// recommendations to improve name them).
std::vector<topic_score> weak_topics(const std::vector<topic_score>& topics, int pass_percent);

}  // namespace tanu::exam
