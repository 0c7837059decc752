// libedit's native API, with one non-variadic wrapper per variadic call kbm makes.
#include <histedit.h>
#include <stdio.h>
#include <locale.h>
#include <langinfo.h>

static inline FILE *kbm_stdin(void) { return stdin; }
static inline FILE *kbm_stdout(void) { return stdout; }
static inline FILE *kbm_stderr(void) { return stderr; }

typedef char *(*kbm_prompt_fn)(EditLine *);
typedef unsigned char (*kbm_key_fn)(EditLine *, int);

static inline int kbm_el_set_prompt(EditLine *el, kbm_prompt_fn f) { return el_set(el, EL_PROMPT, f); }
static inline int kbm_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int kbm_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int kbm_el_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int kbm_el_set_addfn(EditLine *el, const char *name, const char *help, kbm_key_fn f) {
    return el_set(el, EL_ADDFN, name, help, f);
}
static inline int kbm_el_bind(EditLine *el, const char *key, const char *fn) {
    return el_set(el, EL_BIND, key, fn, NULL);
}
static inline int kbm_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *kbm_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int kbm_history_setsize(History *h, HistEvent *ev, int n) { return history(h, ev, H_SETSIZE, n); }
static inline int kbm_history_setunique(History *h, HistEvent *ev, int on) { return history(h, ev, H_SETUNIQUE, on); }
static inline int kbm_history_enter(History *h, HistEvent *ev, const char *line) { return history(h, ev, H_ENTER, line); }
