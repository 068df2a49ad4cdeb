{% macro compare_birth_dates(left_alias, right_alias) -%}
    {{ return(adapter.dispatch('compare_birth_dates')(left_alias, right_alias)) }}
{%- endmacro %}

{% macro default__compare_birth_dates(left_alias, right_alias) -%}
    {#- 3 exact, 2 day and month swapped (same year), 1 one of year, month, day differs,
        0 different, -1 missing. -#}
    {%- set left_date = left_alias ~ '.birth_date' -%}
    {%- set right_date = right_alias ~ '.birth_date' -%}
    case
        when {{ left_date }} is null or {{ right_date }} is null then -1
        when {{ left_date }} = {{ right_date }} then 3
        when extract(year from {{ left_date }}) = extract(year from {{ right_date }})
            and extract(month from {{ left_date }}) = extract(day from {{ right_date }})
            and extract(day from {{ left_date }}) = extract(month from {{ right_date }})
            then 2
        when (case when extract(year from {{ left_date }}) = extract(year from {{ right_date }}) then 1 else 0 end)
            + (case when extract(month from {{ left_date }}) = extract(month from {{ right_date }}) then 1 else 0 end)
            + (case when extract(day from {{ left_date }}) = extract(day from {{ right_date }}) then 1 else 0 end)
            = 2
            then 1
        else 0
    end
{%- endmacro %}
