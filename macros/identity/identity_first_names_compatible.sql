{% macro identity_first_names_compatible(first_name_a, first_name_b) -%}
    {{ return(adapter.dispatch('identity_first_names_compatible')(first_name_a, first_name_b)) }}
{%- endmacro %}

{% macro default__identity_first_names_compatible(first_name_a, first_name_b) -%}
    {#- True when two first-name match keys (normalize_name, first word) can name one
        person: equal, one a short form of the other (rob / robert), or starting with the
        same two letters (a typo further on: jon / john, katherine / kathrine). Used to
        tell a family phone or an office mailbox from one person's identifier, so it errs
        on the side of "compatible". -#}
    (
        {{ first_name_a }} = {{ first_name_b }}
        or left({{ first_name_a }}, length({{ first_name_b }})) = {{ first_name_b }}
        or left({{ first_name_b }}, length({{ first_name_a }})) = {{ first_name_a }}
        or left({{ first_name_a }}, 2) = left({{ first_name_b }}, 2)
    )
{%- endmacro %}
