"""The message catalogue: every word the bot says, in Chinese and English.

One place for the answers (bot/reply.py, bot/operations.py) and for what the front ends say
around them (console, Telegram, any new front end), so adding a front end copies no text.
"""

from __future__ import annotations

_T: dict[str, dict[str, str]] = {
    # /help and /start
    "usage_telegram": {
        "zh": "在群里：发消息时 @{bot} 并写上问题，或直接回复我的消息。\n在任何聊天里：输入 @{bot} 加空格和问题（内联模式），把答案发给对方。",
        "en": "In groups: mention @{bot} with your question, or reply to one of my messages.\n"
              "In any chat: type @{bot}, a space and your question (inline mode) to send the answer there.",
    },
    "usage_pick": {"zh": "回复编号即可提问对应的问题。", "en": "Reply with a number to ask that question."},
    "commands": {"zh": "命令：{commands}", "en": "Commands: {commands}"},
    "cmd_help": {"zh": "这个机器人知道什么、怎么用", "en": "What I know and how to ask"},
    "cmd_topics": {"zh": "按话题浏览问题", "en": "Browse questions by topic"},
    "cmd_source": {"zh": "上一个答案的完整出处，或文章的引用方式", "en": "The last answer's full source, or how to cite the article"},
    "cmd_quit": {"zh": "退出", "en": "Quit"},
    "cmd_reload": {"zh": "重新加载知识库（维护者）", "en": "Reload the fact base (maintainers)"},
    "cmd_misses": {"zh": "未答问题报告（维护者）", "en": "Unanswered questions (maintainers)"},
    "unknown_command": {"zh": "我不认识 {command} 这个命令。可用的命令：{commands}",
                        "en": "I don't know the command {command}. Commands: {commands}"},
    # /topics
    "topics_head": {"zh": "选择一个话题：", "en": "Choose a topic:"},
    "topics_hint": {"zh": "输入 /topics 加编号查看一个话题的问题，例如 /topics 1",
                    "en": "Type /topics and a number to see one topic's questions, e.g. /topics 1"},
    "no_topics": {"zh": "知识库里还没有话题。", "en": "The fact base has no topics yet."},
    "no_such_topic": {"zh": "没有第 {n} 个话题：共有 {count} 个，输入 /topics 查看。",
                      "en": "There is no topic {n}: there are {count}; type /topics to see them."},
    "topic_head": {"zh": "{label}：", "en": "{label}:"},
    "topic_tap": {"zh": "{label}：点一个问题查看答案", "en": "{label}: tap a question to see its answer"},
    "topic_page": {"zh": "（第 {page}/{pages} 页，输入 /topics {n} {next} 看下一页）",
                   "en": "(page {page} of {pages}; type /topics {n} {next} for the next page)"},
    "back": {"zh": "« 全部话题", "en": "« All topics"},
    "prev": {"zh": "‹ 上一页", "en": "‹ Previous"},
    "next": {"zh": "下一页 ›", "en": "More ›"},
    # /source
    "citation": {
        "zh": "所有答案都来自文章《{title}》{title_en}。\n"
              "引用时请写文章标题和段落号，例如：《{title}》第{paragraph}段。每个答案末尾都注明了段落和原文。\n"
              "文章本身没有注明作者、出版方、网址或日期。",
        "en": "Every answer comes from the article 《{title}》{title_en}.\n"
              "To cite an answer, give the article's title and the paragraph number, e.g. 《{title}》, "
              "paragraph {paragraph}. Each answer ends with its paragraph and the original words.\n"
              "The article itself names no author, publisher, URL or date.",
    },
    "source_of_last": {"zh": "上一个答案的出处：", "en": "Where the last answer comes from:"},
    "source_paragraph": {"zh": "《{title}》第{paragraph}段：", "en": "《{title}》, paragraph {paragraph}:"},
    "source_quote": {"zh": "引用的原文：“{quote}”", "en": "The words quoted: \u201c{quote}\u201d"},
    # around questions
    "asked": {"zh": "问：", "en": "Q: "},
    "hint": {"zh": "我只能回答文字问题，请直接输入问题，例如：{example}",
             "en": "I can only answer text questions: please type one, for example: {example}"},
    "slow": {"zh": "您提问太快了，请一分钟后再问。",
             "en": "You are asking faster than I can answer: please wait a minute, then ask again."},
    "gone": {"zh": "这个问题已不在知识库里，请用 /topics 查看现有的问题。",
             "en": "That question is no longer in the fact base; see /topics for the current ones."},
    "error": {"zh": "抱歉，出了点问题，请稍后再试。", "en": "Sorry, something went wrong. Please try again in a moment."},
    # maintainers
    "admins_only": {"zh": "抱歉，这个命令只供机器人的维护者使用。",
                    "en": "Sorry, this command is only for the bot's maintainers."},
    "misses_off": {"zh": "未答问题记录已在 config.yaml 中关闭。",
                   "en": "The log of unanswered questions is turned off in config.yaml."},
    "no_misses": {"zh": "还没有记录未答问题。", "en": "No unanswered questions logged yet."},
    # the console
    "welcome": {"zh": "余杭项目问答（输入 /help 查看帮助，/topics 查看话题，/quit 退出）",
                "en": "Yuhang figures (type /help for help, /topics for topics, /quit to quit)"},
    "bye": {"zh": "再见！", "en": "Goodbye!"},
    # answers (bot/reply.py) and computations (bot/operations.py)
    "source": {"zh": "来源：《{title}》第{paragraph}段：“{quote}”",
               "en": "Source: 《{title}》 (\u201c{title_en}\u201d), paragraph {paragraph}: \u201c{quote}\u201d"},
    "caption": {"zh": "来源：《{title}》第{caption}张图片的图片说明：“{quote}”",
                "en": "Source: 《{title}》 (\u201c{title_en}\u201d), caption of photo {caption}: \u201c{quote}\u201d"},
    "several": {"zh": "文章里有{n}条相关的事实：", "en": "The article has {n} facts that fit this question:"},
    "photos": {"zh": "文章有{n}张图片：", "en": "The article has {n} photos:"},
    "taken_as": {"zh": "文章给的是约数（{figures}），这里按问题说的{numbers}算。",
                 "en": "The article gives an approximate figure ({figures}); this takes it as {numbers}, as the question says."},
    "given_number": {"zh": "{n}是问题里给的数，不是文章的数字。", "en": "{n} is the number the question gives, not the article's."},
    "declined": {"zh": "这篇文章没有提到这一点，我不猜数字。", "en": "The article does not say, and I won't guess a figure."},
    "out_of_scope": {"zh": "这篇文章没有讲{what}，我不猜数字。", "en": "The article says nothing about {what}, and I won't guess a figure."},
    "try": {"zh": "您可以问：", "en": "You could ask:"},
    "empty": {"zh": "请输入一个问题，例如：{example}", "en": "Please type a question, for example: {example}"},
    "noise": {"zh": "我只读得懂文字问题，请用中文或英文提问，例如：{example}",
              "en": "I can only read text questions, in Chinese or English, for example: {example}"},
    "too_long": {"zh": "问题太长了（超过{limit}个字）。请一次只问一个问题，例如：{example}",
                 "en": "That message is too long (over {limit} characters). Please ask one question at a time, for example: {example}"},
    "greeting": {"zh": "你好！我回答《{title}》这篇文章里的数字和事实。", "en": "Hello! I answer questions on the figures and facts of the article 《{title}》."},
    "thanks": {"zh": "不客气！还有问题随时问。", "en": "You're welcome! Ask me anything else about the article."},
    "help": {"zh": "我回答《{title}》这篇文章里的数字和事实，每个答案都注明出处。", "en": "I answer questions on the figures and facts of the article 《{title}》, each with its source."},
    "greeting_many": {"zh": "你好！我回答{n}篇文章里的数字和事实：{titles}。", "en": "Hello! I answer questions on the figures and facts of {n} articles: {titles}."},
    "help_many": {"zh": "我回答{n}篇文章里的数字和事实：{titles}。每个答案都注明出处；问题不说年份、几篇文章都能回答时，各篇的答案分别列出。",
                  "en": "I answer questions on the figures and facts of {n} articles: {titles}. Each answer gives its source; when several articles answer a question that names no year, each one's answer is listed."},
    "topic_of": {"zh": "{label}（{article}）", "en": "{label} ({article})"},
    "topics": {"zh": "可以问的话题：{topics}", "en": "Topics: {topics}"},
    "computed": {"zh": "（计算得出：文章没有直接给出这个数，是用下面文章中的数字算的）",
                 "en": " (computed from the article's figures below; the article does not state it)"},
    "compared": {"zh": "（比较文章中的数字得出）", "en": " (by comparing the article's figures)"},
    "more": {"zh": "{a}比{b}多{d}", "en": "{a} is {d} more than {b}"},
    "less": {"zh": "{a}比{b}少{d}", "en": "{a} is {d} less than {b}"},
    "same": {"zh": "{a}和{b}一样多", "en": "{a} and {b} are equal"},
    "rose": {"zh": "{a}比{b}多{d}", "en": "{a} is {d} higher than {b}"},
    "fell": {"zh": "{a}比{b}少{d}", "en": "{a} is {d} lower than {b}"},
    "browse": {"zh": "文章里说到“{word}”的有这些，您想问哪一个？", "en": "The article mentions “{word}” in these; which one do you mean?"},
    "near": {"zh": "我不确定您问的是哪一条。您是想问：", "en": "I'm not sure which fact you mean. Did you mean:"},
    "unexplained": {"zh": "文章没有讲到这里问的“{missing}”，我不猜。关于这个，文章说了的是：",
                    "en": "The article says nothing about the \u201c{missing}\u201d asked here, and I won't guess. What it does say about this:"},
    "alone": {"zh": "文章没有单独给出“{missing}”的数字，只给了它和其他几类合在一起的数，我不猜。关于这个，文章说了的是：",
              "en": "The article gives no figure for \u201c{missing}\u201d alone, only one for it together with others, and I won't guess. What it does say about this:"},
    "kind": {"zh": "文章只把“{missing}”列为其中一类，没有说具体是哪些，我不猜。关于这个，文章说了的是：",
             "en": "The article names “{missing}” only as one kind among others, not which ones they are, and I won't guess. What it does say about this:"},
    "two_only": {"zh": "这个问题要比较的不止两个数字，我只直接比较文章里的两个数字：请一次问两个。",
                 "en": "This compares more than two of the article's figures; please ask about two at a time."},
    "growth": {"zh": "没法计算：这需要文章没有给出的可比数字（比如去年同期或上一季度），我不猜。",
               "en": "This cannot be computed: it needs a figure the article does not give (such as last year's or the previous quarter's), and I won't guess."},
    "articles": {"zh": "这个问题在{n}篇文章里答案不同：{articles}。请说明是哪一年（例如“2020年……”），我再计算。",
                 "en": "{n} articles answer this differently: {articles}. Say which year (e.g. “in 2020 …”) and I will compute it."},
    "by_article": {"zh": "{n}篇文章各有一个答案，请看清是哪一篇：", "en": "{n} articles each give an answer; note which is which:"},
    "article": {"zh": "《{title}》（{date}）", "en": "“{title}” ({date})"},
    "article_undated": {"zh": "《{title}》", "en": "“{title}”"},
    "max": {"zh": "最多的是", "en": "Highest: "},
    "min": {"zh": "最少的是", "en": "Lowest: "},
    "approx": {"zh": "没法精确计算：{names}的数字文章只给了约数（{figures}），我不估算。",
               "en": "This cannot be computed exactly: the article gives only an approximate figure for {names} ({figures}), and I won't estimate."},
    "share_of": {"zh": "没法计算这个比例：问题里作分母的数字文章给了，但作分子的那一部分不在能和它相比的同一组数字里，我不估算。",
                 "en": "This share cannot be computed: the article gives the whole it is a share of, but not the part among figures comparable with it, and I won't estimate."},
    "share_whole": {"zh": "没法确定这个比例是占什么的：是占这两个数字之和，还是占其中另一个？请说清楚（例如“占两者合计的比例”或“是二季度的百分之几”），我不猜。",
                    "en": "It is unclear what this share is of: the two figures' sum, or the other one? Please say (e.g. \u201cshare of the two combined\u201d or \u201cas a percentage of Q2\u201d); I won't guess."},
    "joint_whole": {"zh": "没法计算这个比例：分子是问题里加在一起的几项，但作分母的那个总数文章没有给出（或说不清是哪一个），我不估算。",
                    "en": "This share cannot be computed: the part is the figures added in the question, but the article gives no whole it is clearly a share of, and I won't estimate."},
    "mixed": {"zh": "没法计算：这个问题把不同单位的数字放在一起（比如投资额和项目个数），不能相加或比较。",
              "en": "This cannot be computed: it combines figures of different units (e.g. investment and project counts)."},
}


def t(key: str, lang: str, **kw: object) -> str:
    """The text `key` in `lang` ("zh" or "en"), with its {placeholders} filled."""
    return _T[key][lang].format(**kw)
