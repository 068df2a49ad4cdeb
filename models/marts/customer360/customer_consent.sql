{#- One row per customer, purpose and channel declared in var cdp_consent_purposes: the
    current state from the latest evidence (on a tie, a withdrawal beats a grant), which
    source and field said so and when, and the latest grant and withdrawal. A purpose with
    `follows` and no evidence of its own takes the state of the purpose it follows. Without
    any evidence the state is 'no_evidence' and consent is not granted. -#}

{%- set purposes = var('cdp_consent_purposes', []) %}

with

customers as (

    select * from {{ ref('customers') }}

),

evidence as (

    select * from {{ ref('int_customer__consent_evidence') }}

),

purposes as (

    {% for item in purposes %}
        select
            cast('{{ item.purpose }}' as {{ dbt.type_string() }}) as purpose,
            cast('{{ item.channel }}' as {{ dbt.type_string() }}) as channel,
            cast(
                {{ "'" ~ item.follows ~ "'" if item.follows else 'null' }}
                as {{ dbt.type_string() }}
            ) as follows_purpose
        {{ 'union all' if not loop.last }}
    {% endfor %}
    {%- if not purposes %}
        select
            cast(null as {{ dbt.type_string() }}) as purpose,
            cast(null as {{ dbt.type_string() }}) as channel,
            cast(null as {{ dbt.type_string() }}) as follows_purpose
        where 1 = 0
    {%- endif %}

),

ranked as (

    select
        evidence.*,
        row_number() over (
            partition by evidence.customer_id, evidence.purpose, evidence.channel
            order by
                evidence.evidence_at desc nulls last,
                case evidence.consent_state
                    when 'withdrawn' then 1
                    when 'undeliverable' then 2
                    when 'not_granted' then 3
                    when 'pending' then 4
                    else 5
                end asc,
                evidence.source_name asc,
                evidence.record_id asc,
                evidence.evidence asc
        ) as evidence_rank,
        row_number() over (
            partition by
                evidence.customer_id, evidence.purpose, evidence.channel, evidence.is_granted
            order by
                evidence.evidence_at desc nulls last,
                evidence.source_name asc,
                evidence.record_id asc,
                evidence.evidence asc
        ) as same_kind_rank
    from evidence

),

summary as (

    select
        ranked.customer_id,
        ranked.purpose,
        ranked.channel,
        count(*) as evidence_count,
        max(case when ranked.evidence_rank = 1 then ranked.consent_state end) as consent_state,
        max(case when ranked.evidence_rank = 1 then ranked.source_name end) as state_source_name,
        max(case when ranked.evidence_rank = 1 then ranked.evidence end) as state_evidence,
        max(case when ranked.evidence_rank = 1 then ranked.evidence_at end) as state_changed_at,
        max(case when ranked.is_granted and ranked.same_kind_rank = 1 then ranked.evidence_at end)
            as granted_at,
        max(case when ranked.is_granted and ranked.same_kind_rank = 1 then ranked.source_name end)
            as granted_source_name,
        max(
            case
                when
                    ranked.consent_state in ('withdrawn', 'undeliverable')
                    and ranked.same_kind_rank = 1
                    then ranked.evidence_at
            end
        ) as withdrawn_at,
        max(
            case
                when
                    ranked.consent_state in ('withdrawn', 'undeliverable')
                    and ranked.same_kind_rank = 1
                    then ranked.source_name
            end
        ) as withdrawn_source_name
    from ranked
    group by ranked.customer_id, ranked.purpose, ranked.channel

),

followed as (

    -- evidence of the purpose a purpose follows, on that purpose's own channel
    select
        summary.customer_id,
        purposes.purpose,
        purposes.channel,
        summary.evidence_count,
        summary.consent_state,
        summary.state_source_name,
        summary.state_evidence,
        summary.state_changed_at,
        summary.granted_at,
        summary.granted_source_name,
        summary.withdrawn_at,
        summary.withdrawn_source_name
    from purposes
    inner join purposes as followed_purposes
        on purposes.follows_purpose = followed_purposes.purpose
    inner join summary
        on
            followed_purposes.purpose = summary.purpose
            and followed_purposes.channel = summary.channel

),

grid as (

    select
        customers.customer_id,
        purposes.purpose,
        purposes.channel,
        purposes.follows_purpose
    from customers
    cross join purposes

),

final as (

    select
        cast({{ dbt.hash(
            "grid.customer_id || '|' || grid.purpose || '|' || grid.channel"
        ) }} as {{ dbt.type_string() }}) as consent_id,
        cast(grid.customer_id as {{ dbt.type_string() }}) as customer_id,
        grid.purpose,
        grid.channel,
        cast(
            coalesce(own.consent_state, inherited.consent_state, 'no_evidence')
            as {{ dbt.type_string() }}
        ) as consent_state,
        coalesce(own.consent_state, inherited.consent_state, 'no_evidence') = 'granted'
            as is_granted,
        own.customer_id is null and inherited.customer_id is not null as is_inherited,
        cast(
            case when own.customer_id is null then grid.follows_purpose end
            as {{ dbt.type_string() }}
        ) as inherited_from_purpose,
        cast(
            coalesce(own.state_source_name, inherited.state_source_name) as {{ dbt.type_string() }}
        ) as state_source_name,
        cast(coalesce(own.state_evidence, inherited.state_evidence) as {{ dbt.type_string() }})
            as state_evidence,
        cast(coalesce(own.state_changed_at, inherited.state_changed_at) as timestamp)
            as state_changed_at,
        cast(coalesce(own.granted_at, inherited.granted_at) as timestamp) as granted_at,
        cast(
            coalesce(own.granted_source_name, inherited.granted_source_name)
            as {{ dbt.type_string() }}
        ) as granted_source_name,
        cast(coalesce(own.withdrawn_at, inherited.withdrawn_at) as timestamp) as withdrawn_at,
        cast(
            coalesce(own.withdrawn_source_name, inherited.withdrawn_source_name)
            as {{ dbt.type_string() }}
        ) as withdrawn_source_name,
        cast(coalesce(own.evidence_count, inherited.evidence_count, 0) as integer)
            as evidence_count
    from grid
    left outer join summary as own
        on
            grid.customer_id = own.customer_id
            and grid.purpose = own.purpose
            and grid.channel = own.channel
    left outer join followed as inherited
        on
            grid.customer_id = inherited.customer_id
            and grid.purpose = inherited.purpose
            and grid.channel = inherited.channel

)

select * from final
