{#- stg_quality__rejected_values and the staging models agree: a value is listed with a
    reason exactly when its staging model holds null although the raw value was not blank,
    and the staging flags (has_invalid_<column>, is_placeholder_<column>) match the
    reason. Checks come from macro rejected_value_checks, so a staging model changed
    without its check (or the reverse) fails here. One row per disagreement. Raw relations
    are aliased raw_records, which PostgreSQL requires of a subquery. -#}
{%- set tables = rejected_value_checks() -%}
{#- a check without flags compares to a typed null: PostgreSQL reads a bare one as text -#}
{%- set no_flag = 'cast(null as boolean)' -%}

with

rejected_values as (

    select * from {{ ref('stg_quality__rejected_values') }}

),

{% for table in tables %}
    {{ table.model }}_raw as (

        select
            {%- for check in table.checks %}
                nullif(trim(cast({{ check.value }} as {{ dbt.type_string() }})), '') is not null
                    as has_raw_value_{{ loop.index }},
            {%- endfor %}
            {{ table.record_id }} as record_id
        from {{ table.relation }} as raw_records  -- noqa: AL05

    ),

    {{ table.model }}_compared as (

        select
            cast('{{ table.model }}' as {{ dbt.type_string() }}) as model_name,
            checks.column_name,
            cast(staged.{{ table.record_id_column }} as {{ dbt.type_string() }}) as record_id,
            checks.is_flagged,
            case checks.check_number
                {%- for check in table.checks %}
                    when {{ loop.index }} then staged.{{ check.column }} is null
                {%- endfor %}
            end as is_null_in_staging,
            case checks.check_number
                {%- for check in table.checks %}
                    when {{ loop.index }} then raw_records.has_raw_value_{{ loop.index }}
                {%- endfor %}
            end as has_raw_value,
            case checks.check_number
                {%- for check in table.checks %}
                    {%- set flag = 'has_invalid_' ~ check.column if check.flagged %}
                    when {{ loop.index }} then {{ 'staged.' ~ flag if flag else no_flag }}
                {%- endfor %}
            end as is_flagged_invalid,
            case checks.check_number
                {%- for check in table.checks %}
                    {%- set flag = 'is_placeholder_' ~ check.column if check.flagged %}
                    when {{ loop.index }} then {{ 'staged.' ~ flag if flag else no_flag }}
                {%- endfor %}
            end as is_flagged_placeholder
        from {{ ref(table.model) }} as staged
        left join {{ table.model }}_raw as raw_records
            on
                cast(staged.{{ table.record_id_column }} as {{ dbt.type_string() }})
                = raw_records.record_id
        cross join (
            values
            {%- for check in table.checks %}
                {%- set is_flagged = 'true' if check.flagged else 'false' %}
                ({{ loop.index }}, '{{ check.column }}', {{ is_flagged }}){{ ',' if not loop.last }}
            {%- endfor %}
        ) as checks (check_number, column_name, is_flagged)

    ),

{% endfor %}
compared as (

    {% for table in tables %}
        select * from {{ table.model }}_compared
        {{ 'union all' if not loop.last }}
    {% endfor %}
    {%- if not tables %}
        select
            cast(null as {{ dbt.type_string() }}) as model_name,
            cast(null as {{ dbt.type_string() }}) as column_name,
            cast(null as {{ dbt.type_string() }}) as record_id,
            false as is_flagged,
            false as is_null_in_staging,
            false as has_raw_value,
            false as is_flagged_invalid,
            false as is_flagged_placeholder
        where 1 = 0
    {%- endif %}

),

disagreements as (

    select
        compared.model_name,
        compared.column_name,
        compared.record_id,
        rejected_values.reason,
        case
            when rejected_values.reason is not null and not compared.is_null_in_staging
                then 'listed but kept by staging'
            when
                rejected_values.reason is null
                and compared.is_null_in_staging
                and compared.has_raw_value
                then 'nulled by staging but not listed'
            when
                compared.is_flagged
                and compared.is_flagged_invalid
                <> coalesce(rejected_values.reason not like 'placeholder%', false)
                then 'has_invalid flag disagrees with the reason'
            when
                compared.is_flagged
                and compared.is_flagged_placeholder
                <> coalesce(rejected_values.reason like 'placeholder%', false)
                then 'is_placeholder flag disagrees with the reason'
        end as disagreement
    from compared
    left join rejected_values
        on
            compared.model_name = rejected_values.model_name
            and compared.column_name = rejected_values.column_name
            and compared.record_id = rejected_values.record_id

    union all

    select
        rejected_values.model_name,
        rejected_values.column_name,
        rejected_values.record_id,
        rejected_values.reason,
        'listed for a record or column staging does not have' as disagreement
    from rejected_values
    where
        not exists (
            select 1
            from compared
            where
                compared.model_name = rejected_values.model_name
                and compared.column_name = rejected_values.column_name
                and compared.record_id = rejected_values.record_id
        )

)

select *
from disagreements
where disagreement is not null
