{#- Fails for each row whose column does not match the regular expression (a null does not
    match either; restrict rows with the `where` config). Anchor the pattern (^...$) and
    keep to classes every engine shares; regex_matches writes the engine's operator. -#}
{% test matches_regex(model, column_name, pattern) %}

select *
from {{ model }}
where not coalesce({{ regex_matches(column_name, pattern) }}, false)

{% endtest %}
