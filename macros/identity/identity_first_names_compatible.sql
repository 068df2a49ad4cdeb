{% macro identity_first_names_compatible(first_name_a, first_name_b) -%}
    {{ return(adapter.dispatch('identity_first_names_compatible')(first_name_a, first_name_b)) }}
{%- endmacro %}

{% macro default__identity_first_names_compatible(first_name_a, first_name_b) -%}
    {#- True when two first-name match keys (normalize_name, first word) may name one person
        by their spelling alone: they start with the same letter, which covers equal names,
        short forms (rob / robert), typos past the first letter (mwi / mei, nkcole /
        nicole) and names read from an email's local part (jscott / joseph). Nicknames
        with another initial (bob / robert) are matched through seed nicknames by the
        caller. Used to tell a family phone or an office mailbox from one person's own
        identifier, so it errs towards "compatible". -#}
    left({{ first_name_a }}, 1) = left({{ first_name_b }}, 1)
{%- endmacro %}
