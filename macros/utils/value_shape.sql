{% macro value_shape(column_name) -%}
    {{ return(adapter.dispatch('value_shape')(column_name)) }}
{%- endmacro %}

{% macro default__value_shape(column_name) -%}
    {#- The shape of a text with its content hidden, as data profilers show it: upper-case
        letters as A, lower-case letters as a, digits as 9, other printable ASCII kept
        (punctuation, spaces), any other character as ?. Accented Latin letters count as
        letters. 'John..Doe@Mail.com' -> 'Aaaa..Aaa@Aaaa.aaa', '(415) 555-01' ->
        '(999) 999-99'. -#}
    {{ regex_replace(
        regex_replace(
            regex_replace(
                regex_replace(remove_accents(column_name), '[A-Z]', 'A'),
                '[a-z]', 'a'
            ),
            '[0-9]', '9'
        ),
        '[^ -~]', '?'
    ) }}
{%- endmacro %}
